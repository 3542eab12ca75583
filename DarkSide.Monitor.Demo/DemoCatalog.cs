namespace DarkSide.Monitor.Demo;

/// <summary>A PanDA queue of the demo grid; <see cref="Weight"/> is its share of the jobs.</summary>
public sealed record DemoSite(
    string Queue,
    string Cloud,
    string Site,
    double CorePower,
    double Weight,
    int MaxCores,
    string ComputingElement
);

/// <summary>
/// The kinds of work DarkSide-20k runs: production simulation and reconstruction, and users' prun analysis.
/// </summary>
public sealed record DemoJobKind(
    string Name,
    string ProdSourceLabel,
    string ProcessingType,
    string TaskType,
    string Transformation,
    int Cores,
    double MeanWallMinutes,
    double PssPerCoreGb,
    double Share,
    int MinJobs,
    int MaxJobs
);

/// <summary>
/// A real PanDA error code with a diagnostic in the words PanDA uses ({file} becomes the job's input file), and the
/// acronym and description error_descriptions holds for it.
/// </summary>
public sealed record DemoError(
    string Component,
    int Code,
    string Diagnostic,
    double Weight,
    string Acronym,
    string Description
);

public static class DemoCatalog
{
    /// <summary>
    /// The category PanDA's error_descriptions gives the code (BigPanDA's ERROR_CATEGORIES: 1 file and storage,
    /// 2 runtime failures and resource violations, 3 network and communication, 4 job termination and kill signals,
    /// 5 software and environment, 6 internal and unknown).
    /// </summary>
    public static short Category(DemoError error) =>
        (error.Component, error.Code) switch
        {
            ("pilot", 1099 or 1137 or 1361) or ("ddm", _) => 1,
            ("pilot", 1212 or 1235 or 1213 or 1150) or ("exe", _) => 2,
            ("pilot", 1324) or ("jobdispatcher", _) => 3,
            ("pilot", 1201) => 4,
            ("pilot", 1305 or 1377) => 5,
            _ => 6,
        };

    public const string Vo = "wlcg";
    public const string WorkingGroup = "darkside";
    public const string PandaServer = "pandaserver-doma.cern.ch";
    public const string PrunTransformation = "http://pandaserver-doma.cern.ch:25080/trf/user/runGen-00-00-02";

    public static readonly IReadOnlyList<DemoSite> Sites =
    [
        new("CNAF-DS-1", "IT", "INFN-T1", 12.5, 0.50, 8, "ce01-htc.cr.cnaf.infn.it"),
        new("CNAF-DS-HIMEM", "IT", "INFN-T1", 12.5, 0.08, 8, "ce02-htc.cr.cnaf.infn.it"),
        new("LNGS-DS", "IT", "INFN-LNGS", 10.8, 0.12, 8, "ce.lngs.infn.it"),
        new("RAL-DS", "UK", "RAL-LCG2", 11.6, 0.12, 8, "arc-ce01.gridpp.rl.ac.uk"),
        new("CYFRONET-DS", "PL", "CYFRONET-LCG2", 10.2, 0.09, 8, "arc.cyf-kr.edu.pl"),
        new("FNAL-DS", "US", "USCMS-FNAL-WC1", 13.1, 0.09, 8, "ce1.fnal.gov"),
    ];

    public static readonly IReadOnlyList<(string Name, string Id)> Users =
    [
        ("Alessandra Rossi", "arossi"),
        ("Marco Bianchi", "mbianchi"),
        ("Giulia Conti", "gconti"),
        ("Paolo Ferrari", "pferrari"),
        ("Emma Walsh", "ewalsh"),
        ("Tomasz Nowak", "tnowak"),
        ("Sarah Mitchell", "smitchell"),
        ("Luca Romano", "lromano"),
        ("Hannah Brooks", "hbrooks"),
        ("Jakub Kowalski", "jkowalski"),
    ];

    public static readonly (string Name, string Id) ProductionUser = ("DarkSide Production", "ds20kprod");

    public static readonly IReadOnlyList<DemoJobKind> Kinds =
    [
        new("simulation", "managed", "simulation", "prod", "ds20k_g4ds_sim.py", 1, 240, 1.6, 0.45, 800, 4000),
        new("reconstruction", "managed", "reconstruction", "prod", "ds20k_reco.py", 8, 40, 0.9, 0.25, 300, 2000),
        new("analysis", "user", "panda-client-1.5.80-jedi-run", "anal", PrunTransformation, 1, 45, 1.2, 0.22, 20, 600),
        new("test", "test", "panda-client-1.5.80-jedi-run", "anal", PrunTransformation, 1, 15, 0.8, 0.08, 5, 100),
    ];

    /// <summary>Failures by weight; the pilot and payload dominate, as on any PanDA instance.</summary>
    public static readonly IReadOnlyList<DemoError> Failures =
    [
        new("pilot", 1099, "Failed to stage-in file: {file}", 10, "STAGEINFAILED", "Failed to stage-in file"),
        new("pilot", 1137, "Failed to stage-out file: {file}.out", 6, "STAGEOUTFAILED", "Failed to stage-out file"),
        new("pilot", 1212, "Payload ran out of memory", 5, "PAYLOADOUTOFMEMORY", "Payload ran out of memory"),
        new(
            "pilot",
            1235,
            "Payload exceeded maximum allowed memory",
            4,
            "PAYLOADEXCEEDMAXMEM",
            "Payload exceeded maximum allowed memory"
        ),
        new("pilot", 1213, "Reached batch system time limit", 4, "REACHEDMAXTIME", "Reached batch system time limit"),
        new("pilot", 1150, "Looping job killed by pilot", 3, "LOOPINGJOB", "Looping job killed by pilot"),
        new("pilot", 1201, "Job killed by signal: SIGTERM", 4, "SIGTERM", "Job killed by signal: SIGTERM"),
        new(
            "pilot",
            1305,
            "Failed to execute payload:/bin/bash: g4ds: command not found",
            2,
            "PAYLOADEXECUTIONFAILURE",
            "Failed to execute payload"
        ),
        new(
            "pilot",
            1324,
            "Service not available at the moment",
            2,
            "SERVICENOTAVAILABLE",
            "Service not available at the moment"
        ),
        new(
            "pilot",
            1361,
            "Remote file could not be opened: root://xrootd-ds.cr.cnaf.infn.it//{file}",
            5,
            "REMOTEFILECOULDNOTBEOPENED",
            "Remote file could not be opened"
        ),
        new("pilot", 1377, "CVMFS is not responding", 1, "CVMFSISNOTALIVE", "CVMFS is not responding"),
        new(
            "exe",
            65,
            "Non-zero return code from payload (65): fatal error reading {file}",
            6,
            "EXIT65",
            "The payload exited with code 65: it could not read its input"
        ),
        new(
            "exe",
            139,
            "Non-zero return code from payload (139): segmentation violation in PulseFinder",
            3,
            "EXIT139",
            "The payload crashed with a segmentation violation (exit code 139)"
        ),
        new(
            "ddm",
            200,
            "Adder._updateOutputs() could not add files to {file}.out",
            2,
            "Adder",
            "The Adder could not register the output files in their dataset"
        ),
        new(
            "jobdispatcher",
            100,
            "lost heartbeat : 2 h without a pilot update",
            3,
            "Watcher",
            "Lost heartbeat: the pilot stopped sending updates"
        ),
        new(
            "jobdispatcher",
            102,
            "Sent job didn't receive reply from pilot within 30 min",
            1,
            "SendError",
            "The job was sent but no pilot replied within 30 minutes"
        ),
    ];

    /// <summary>Reasons a job ends cancelled or closed (docs/panda-data.md, "Job tables and states").</summary>
    public static readonly IReadOnlyList<(string Status, string? SubStatus, int Code, string Diagnostic)> Kills =
    [
        ("cancelled", null, 100, "killed by JEDI"),
        ("cancelled", null, 103, "aborted by user"),
        ("closed", "toreassign", 102, "expired in activated. status unchanged since 2 days, reassigned"),
        ("closed", "taskdone", 100, "task is done, job not needed"),
    ];

    /// <summary>Rucio scopes of the demo: real data, simulation, users', and a blind minority.</summary>
    public const string BlindScope = "blind";
}
