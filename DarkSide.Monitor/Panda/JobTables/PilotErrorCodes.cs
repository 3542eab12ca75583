namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// Descriptions of frequent pilot error codes (pilot3 errorcodes.py; docs/panda-data.md, "Error components"), for
/// instances whose error_descriptions table has no row for a code.
/// </summary>
public static class PilotErrorCodes
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [1008] = "GENERALERROR: General pilot error, consult batch log",
        [1098] = "NOLOCALSPACE: Not enough local space",
        [1099] = "STAGEINFAILED: Failed to stage-in file",
        [1100] = "REPLICANOTFOUND: Replica not found",
        [1104] = "USERDIRTOOLARGE: User work directory too large",
        [1106] = "STDOUTTOOBIG: Payload log or stdout file too big",
        [1110] = "SETUPFAILURE: Failed during payload setup",
        [1137] = "STAGEOUTFAILED: Failed to stage-out file",
        [1144] = "PANDAKILL: This job was killed by panda server",
        [1150] = "LOOPINGJOB: Looping job killed by pilot",
        [1151] = "STAGEINTIMEOUT: File transfer timed out during stage-in",
        [1152] = "STAGEOUTTIMEOUT: File transfer timed out during stage-out",
        [1165] = "MISSINGOUTPUTFILE: Local output file is missing",
        [1171] = "GETADMISMATCH: adler32 mismatch on input file",
        [1187] = "NOPAYLOADMETADATA: Payload metadata does not exist",
        [1200] = "KILLSIGNAL: Job terminated by unknown kill signal",
        [1201] = "SIGTERM: Job killed by signal: SIGTERM",
        [1202] = "SIGQUIT: Job killed by signal: SIGQUIT",
        [1203] = "SIGSEGV: Job killed by signal: SIGSEGV",
        [1204] = "SIGXCPU: Job killed by signal: SIGXCPU",
        [1205] = "USERKILL: Job killed by user",
        [1206] = "SIGBUS: Job killed by signal: SIGBUS",
        [1207] = "SIGUSR1: Job killed by signal: SIGUSR1",
        [1212] = "PAYLOADOUTOFMEMORY: Payload ran out of memory",
        [1213] = "REACHEDMAXTIME: Reached batch system time limit",
        [1220] = "UNKNOWNPAYLOADFAILURE: Job failed due to unknown reason (consult log file)",
        [1224] = "ESRECOVERABLE: Event service: recoverable error",
        [1228] = "ESFATAL: Event service: fatal error",
        [1234] = "EXECUTEDCLONEJOB: Clone job is already executed",
        [1235] = "PAYLOADEXCEEDMAXMEM: Payload exceeded maximum allowed memory",
        [1236] = "FAILEDBYSERVER: Failed by server",
        [1301] = "UNKNOWNEXCEPTION: An unknown pilot exception has occurred",
        [1305] = "PAYLOADEXECUTIONFAILURE: Failed to execute payload",
        [1306] = "SINGULARITYGENERALFAILURE: Singularity/Apptainer: general failure",
        [1315] = "UNKNOWNTRFFAILURE: Unknown transform failure",
        [1317] = "EXCEEDEDMAXWAITTIME: Exceeded maximum waiting time",
        [1318] = "COMMUNICATIONFAILURE: Failed to communicate with server",
        [1319] = "INTERNALPILOTPROBLEM: An internal Pilot problem has occurred (consult Pilot log)",
        [1324] = "SERVICENOTAVAILABLE: Service not available at the moment",
        [1328] = "PAYLOADSIGSEGV: SIGSEGV: Invalid memory reference or a segmentation fault",
        [1331] = "MISSINGINPUTFILE: Input file is missing in storage element",
        [1333] = "NOREMOTESPACE: No space left on device",
        [1334] = "SETUPFATAL: Setup failed with a fatal exception (consult Payload log)",
        [1336] = "JOBALREADYRUNNING: Job is already running elsewhere",
        [1344] = "RESOURCEUNAVAILABLE: Resource temporarily unavailable",
        [1351] = "UNRECOGNIZEDTRFSTDERR: Unrecognized fatal error in transform stderr",
        [1355] = "COREDUMP: Core dump detected",
        [1361] = "REMOTEFILECOULDNOTBEOPENED: Remote file could not be opened",
        [1367] = "COMMANDTIMEDOUT: Command timed out",
        [1368] = "REMOTEFILEOPENTIMEDOUT: Remote file open timed out",
        [1375] = "LEASETIME: Lease time is up",
        [1377] = "CVMFSISNOTALIVE: CVMFS is not responding",
        [1379] = "PREEMPTION: Job was preempted",
    };

    public static string? Describe(int code) => Descriptions.GetValueOrDefault(code);
}
