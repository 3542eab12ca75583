using System.Globalization;

namespace DarkSide.Monitor.Demo;

/// <summary>How a demo job fills PanDA's job columns, the way the server, JEDI and the pilot would have.</summary>
public static class DemoJobRows
{
    private static readonly (string Column, Func<DemoJob, DemoJobSnapshot, object?> Value)[] Map =
    [
        ("pandaid", (j, _) => j.PandaId),
        ("jobdefinitionid", (j, _) => j.Task.JediTaskId % 100_000),
        ("schedulerid", (j, _) => $"harvester-{j.Site.Cloud.ToLowerInvariant()}-01"),
        (
            "pilotid",
            (j, s) =>
                s.StartTime is null
                    ? null
                    : $"https://harvester-logs.{j.Site.Queue.ToLowerInvariant()}/{j.BatchId}.out|PR|PICARD|3.10.5.57"
        ),
        ("creationtime", (j, _) => j.Created),
        ("creationhost", (_, _) => "aipanda-doma1.cern.ch"),
        ("modificationtime", (_, s) => s.ModificationTime),
        ("modificationhost", (j, s) => s.StartTime is null ? null : j.WorkerNode),
        ("transformation", (j, _) => j.Task.Kind.Transformation),
        ("prodsourcelabel", (j, _) => j.Task.Kind.ProdSourceLabel),
        ("produserid", (j, _) => $"{j.Task.User.Id}@darkside.infn.it"),
        ("assignedpriority", (j, _) => j.Task.Priority),
        ("currentpriority", (j, _) => j.Task.Priority - (j.AttemptNr - 1) * 10),
        ("attemptnr", (j, _) => j.AttemptNr),
        ("maxattempt", (_, _) => 3),
        ("jobstatus", (_, s) => s.Status),
        ("jobname", (j, _) => j.JobName),
        ("maxcpucount", (j, _) => (long)(j.Task.Kind.MeanWallMinutes * 60 * 4)),
        ("maxcpuunit", (_, _) => "HS06sPerEvent"),
        ("maxdiskcount", (_, _) => 5000),
        ("maxdiskunit", (_, _) => "MB"),
        ("minramcount", (j, _) => j.Cores * 2000),
        ("minramunit", (_, _) => "MB"),
        ("starttime", (_, s) => s.StartTime),
        ("endtime", (_, s) => s.EndTime),
        ("cpuconsumptiontime", (j, s) => Final(s) ? (decimal)j.CpuSeconds : 0m),
        ("cpuconsumptionunit", (j, s) => s.StartTime is null ? null : "s+AMD EPYC 7763 64-Core Processor"),
        (
            "transexitcode",
            (j, s) =>
                !Final(s) || s.StartTime is null ? null
                : j.Error is { Component: "exe" } e ? e.Code.ToString(CultureInfo.InvariantCulture)
                : "0"
        ),
        ("piloterrorcode", (j, s) => Code(j, s, "pilot")),
        ("piloterrordiag", (j, s) => Diag(j, s, "pilot")),
        ("exeerrorcode", (j, s) => Code(j, s, "exe")),
        ("exeerrordiag", (j, s) => Diag(j, s, "exe")),
        ("ddmerrorcode", (j, s) => Code(j, s, "ddm")),
        ("ddmerrordiag", (j, s) => Diag(j, s, "ddm")),
        ("jobdispatchererrorcode", (j, s) => Code(j, s, "jobdispatcher")),
        ("jobdispatchererrordiag", (j, s) => Diag(j, s, "jobdispatcher")),
        ("taskbuffererrorcode", (j, s) => Final(s) && j.Kill is { } k ? k.Code : 0),
        ("taskbuffererrordiag", (j, s) => Final(s) && j.Kill is { } k ? k.Diagnostic : null),
        ("computingsite", (j, _) => j.Site.Queue),
        ("computingelement", (j, s) => s.StartTime is null ? null : j.Site.ComputingElement),
        ("proddblock", (j, _) => j.Task.InputDataset),
        (
            "dispatchdblock",
            (j, _) =>
                j.Task.InputDataset is null
                    ? null
                    : $"panda.{j.Task.JediTaskId}.{j.Created:MM_dd}.GEN.{j.PandaId % 100_000:D5}_dis"
        ),
        ("destinationdblock", (j, _) => DestinationBlock(j)),
        ("destinationse", (j, _) => $"{j.Site.Site}_DATADISK"),
        ("nevents", (j, s) => Final(s) ? j.NEvents : 0),
        ("grid", (_, _) => "WLCG"),
        ("cloud", (j, _) => j.Site.Cloud),
        ("cpuconversion", (j, s) => s.StartTime is null ? null : 1m),
        ("cmtconfig", (_, _) => "x86_64-el9-gcc13-opt"),
        ("statechangetime", (_, s) => s.StateChangeTime),
        ("lockedby", (_, _) => "jedi"),
        ("relocationflag", (_, s) => s.Status == "throttled" ? 3 : 1),
        ("vo", (_, _) => DemoCatalog.Vo),
        // Only production carries a working group; PanDA leaves it NULL for users' jobs.
        ("workinggroup", (j, _) => j.Task.Kind.ProdSourceLabel == "managed" ? DemoCatalog.WorkingGroup : null),
        ("processingtype", (j, _) => j.Task.Kind.ProcessingType),
        ("produsername", (j, _) => j.Task.User.Name),
        ("ninputfiles", (j, s) => Final(s) && j.InputFile is not null ? 1 : null),
        ("batchid", (j, s) => s.StartTime is null ? null : $"{j.BatchId}.0"),
        ("specialhandling", (j, _) => j.Serial < 5 && j.AttemptNr == 1 ? "sj" : null),
        ("jobsetid", (j, _) => j.Task.JediTaskId * 10 + 1),
        ("corecount", (j, _) => j.Cores),
        ("ninputdatafiles", (j, _) => j.InputFile is null ? null : 1),
        (
            "inputfiletype",
            (j, _) =>
                j.InputFile is null ? null
                : j.Task.Kind.Name == "reconstruction" ? "raw"
                : "root"
        ),
        ("inputfileproject", (j, _) => j.Task.InputDataset is { } input ? DemoTask.ScopeOf(input) : null),
        ("inputfilebytes", (j, _) => j.InputFile is null ? null : j.InputBytes),
        ("noutputdatafiles", (_, s) => Final(s) ? 1 : null),
        ("outputfilebytes", (j, s) => Final(s) ? j.OutputBytes : null),
        (
            "jobmetrics",
            (j, s) =>
                Final(s) && s.StartTime is not null ? $"coreCount={j.Cores} nEvents={j.NEvents} leak=0 chi2=0.0" : null
        ),
        ("workqueue_id", (j, _) => j.Task.Kind.ProdSourceLabel == "managed" ? 1 : 2),
        ("jeditaskid", (j, _) => j.Task.JediTaskId),
        ("jobsubstatus", (_, s) => s.SubStatus),
        ("actualcorecount", (j, s) => s.StartTime is null ? null : j.Cores),
        ("reqid", (j, _) => j.Task.ReqId),
        ("maxrss", (j, s) => Measured(j, s, 1.1)),
        ("maxvmem", (j, s) => Measured(j, s, 1.8)),
        ("maxswap", (j, s) => Measured(j, s, 0)),
        ("maxpss", (j, s) => Measured(j, s, 1)),
        ("avgrss", (j, s) => s.StartTime is null || !Final(s) ? null : (long)(j.AvgPssKb * 1.1)),
        ("avgvmem", (j, s) => s.StartTime is null || !Final(s) ? null : (long)(j.AvgPssKb * 1.8)),
        ("avgswap", (j, s) => s.StartTime is null || !Final(s) ? null : 0L),
        ("avgpss", (j, s) => s.StartTime is null || !Final(s) ? null : j.AvgPssKb),
        ("maxwalltime", (_, _) => 172_800L),
        ("eventservice", (_, _) => 0),
        ("failedattempt", (j, _) => j.AttemptNr - 1),
        (
            "hs06sec",
            (j, s) => Final(s) ? (long?)Math.Min(999_999_999, j.WallSeconds * j.Site.CorePower * j.Cores) : null
        ),
        ("gshare", (j, _) => j.Task.Kind.ProdSourceLabel == "managed" ? "DarkSide Production" : "DarkSide Analysis"),
        ("hs06", (j, _) => (long)(j.Cores * j.Site.CorePower)),
        ("totrchar", (j, s) => Final(s) && j.InputFile is not null ? j.InputBytes / 1024 : null),
        ("totwchar", (j, s) => Final(s) ? j.OutputBytes / 1024 : null),
        ("totrbytes", (j, s) => Final(s) && j.InputFile is not null ? j.InputBytes / 1024 : null),
        ("totwbytes", (j, s) => Final(s) ? j.OutputBytes / 1024 : null),
        (
            "raterchar",
            (j, s) =>
                Final(s) && j.WallSeconds > 0 && j.InputFile is not null
                    ? (long)(j.InputBytes / 1024 / j.WallSeconds)
                    : null
        ),
        ("ratewchar", (j, s) => Final(s) && j.WallSeconds > 0 ? (long)(j.OutputBytes / 1024 / j.WallSeconds) : null),
        ("resource_type", (j, _) => j.Cores > 1 ? "MCORE" : "SCORE"),
        (
            "container_name",
            (j, _) =>
                j.Task.Kind.ProdSourceLabel == "managed"
                    ? "docker://ds20k/offline:v3.2"
                    : "docker://ds20k/analysis:v1.7"
        ),
        ("job_label", (j, _) => j.Task.Kind.ProdSourceLabel == "managed" ? "managed" : "user"),
        ("cpu_architecture_level", (_, s) => s.StartTime is null ? null : "x86_64-v3"),
        ("outputfiletype", (_, _) => "root"),
        ("memory_leak", (j, s) => Final(s) && s.StartTime is not null ? MemoryLeakKbPerSecond(j) : null),
        ("memory_leak_x2", (j, s) => Final(s) && s.StartTime is not null ? 0.5m + j.PandaId % 40 / 10m : null),
    ];

    public static IReadOnlyList<string> Columns { get; } = Map.Select(m => m.Column).ToArray();

    public static object?[] Values(DemoJob job, DemoJobSnapshot snapshot)
    {
        var values = new object?[Map.Length];
        for (var i = 0; i < Map.Length; i++)
        {
            values[i] = Map[i].Value(job, snapshot);
        }

        return values;
    }

    public static string? DestinationBlock(DemoJob job) =>
        job.Task.HasDatasets ? $"{job.Task.OutputDataset}_sub{job.PandaId % 1_000_000:D6}" : null;

    private static bool Final(DemoJobSnapshot s) => s.Table == DarkSide.Monitor.Panda.Db.PandaJobTable.JobsArchived4;

    private static int Code(DemoJob job, DemoJobSnapshot s, string component) =>
        Final(s) && job.Error is { } e && e.Component == component ? e.Code : 0;

    private static string? Diag(DemoJob job, DemoJobSnapshot s, string component) =>
        Final(s) && job.Error is { } e && e.Component == component
            ? e.Diagnostic.Replace("{file}", job.InputFile ?? job.OutputFile)
            : null;

    /// <summary>
    /// prmon's fitted PSS slope: noise for most jobs; every eleventh reconstruction task leaks (kB/s).
    /// </summary>
    private static long MemoryLeakKbPerSecond(DemoJob job) =>
        job.Task.Kind.Name == "reconstruction" && job.Task.JediTaskId % 11 == 3
            ? 150 + job.PandaId % 400
            : job.PandaId % 15;

    private static long? Measured(DemoJob job, DemoJobSnapshot s, double factor) =>
        s.StartTime is null ? null : (long)(job.MaxPssKb * factor * (Final(s) ? 1 : 0.8));
}
