using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.JobList;
namespace DarkSide.Monitor.Panda.Db;

/// <summary>
/// The 127 columns every PanDA job table has (panda-schema.md §2.2), in jobsactive4's order. The job tables order
/// them differently, so every statement that moves or unions rows names them explicitly.
/// </summary>
public static class PandaJobColumns
{
    public static readonly IReadOnlyList<string> All =
    [
        "pandaid", "jobdefinitionid", "schedulerid", "pilotid", "creationtime", "creationhost", "modificationtime", "modificationhost",
        "atlasrelease", "transformation", "homepackage", "prodserieslabel", "prodsourcelabel", "produserid", "assignedpriority", "currentpriority",
        "attemptnr", "maxattempt", "jobstatus", "jobname", "maxcpucount", "maxcpuunit", "maxdiskcount", "maxdiskunit",
        "ipconnectivity", "minramcount", "minramunit", "starttime", "endtime", "cpuconsumptiontime", "cpuconsumptionunit", "commandtopilot",
        "transexitcode", "piloterrorcode", "piloterrordiag", "exeerrorcode", "exeerrordiag", "superrorcode", "superrordiag", "ddmerrorcode",
        "ddmerrordiag", "brokerageerrorcode", "brokerageerrordiag", "jobdispatchererrorcode", "jobdispatchererrordiag", "taskbuffererrorcode", "taskbuffererrordiag", "computingsite",
        "computingelement", "jobparameters", "metadata", "proddblock", "dispatchdblock", "destinationdblock", "destinationse", "nevents",
        "grid", "cloud", "cpuconversion", "sourcesite", "destinationsite", "transfertype", "taskid", "cmtconfig",
        "statechangetime", "proddbupdatetime", "lockedby", "relocationflag", "jobexecutionid", "vo", "pilottiming", "workinggroup",
        "processingtype", "produsername", "ninputfiles", "countrygroup", "batchid", "parentid", "specialhandling", "jobsetid",
        "corecount", "ninputdatafiles", "inputfiletype", "inputfileproject", "inputfilebytes", "noutputdatafiles", "outputfilebytes", "jobmetrics",
        "workqueue_id", "jeditaskid", "jobsubstatus", "actualcorecount", "reqid", "maxrss", "maxvmem", "maxswap",
        "maxpss", "avgrss", "avgvmem", "avgswap", "avgpss", "maxwalltime", "nucleus", "eventservice",
        "failedattempt", "hs06sec", "gshare", "hs06", "totrchar", "totwchar", "totrbytes", "totwbytes",
        "raterchar", "ratewchar", "raterbytes", "ratewbytes", "resource_type", "diskio", "memory_leak", "memory_leak_x2",
        "container_name", "job_label", "meancorecount", "gco2_regional", "gco2_global", "cpu_architecture_level", "outputfiletype",
    ];

    /// <summary>Comma-separated list for SQL; every name is a plain lower-case identifier from the list above.</summary>
    public static readonly string SqlList = string.Join(", ", All);
}
