using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// One job as BigPanDA's JSON has it (docs/bigpanda-compatibility.md: computed job fields, JSON): every PanDA column
/// under its own name, the transformation as its last path segment, dates in isoformat, and BigPanDA's computed fields.
/// </summary>
public static class JobJson
{
    /// <summary>BigPanDA's computed fields, and ours (blinded, ninputs).</summary>
    public static readonly IReadOnlyList<string> ComputedFields =
    [
        "duration",
        "durationsec",
        "durationmin",
        "waittime",
        "waittimesec",
        "cpuefficiency",
        "maxpssgbpercore",
        "errorinfo",
        "jobinfo",
        "category",
        "priorityrange",
        "wn",
        "processor_type",
        "ninputs",
        "blinded",
    ];

    /// <summary>What fields= may name: the columns, the computed fields, and metastruct (the job's metadata).</summary>
    public static readonly IReadOnlySet<string> Fields = PandaJobColumns
        .All.Concat(ComputedFields)
        .Append("metastruct")
        .Append("datasets")
        .ToHashSet(StringComparer.Ordinal);

    public static Dictionary<string, object?> From(JobListRow job, DateTime asOfUtc)
    {
        var columns = job.Columns ?? throw new InvalidOperationException("The job was read without its PanDA columns.");
        var json = new Dictionary<string, object?>(
            PandaJobColumns.All.Count + ComputedFields.Count,
            StringComparer.Ordinal
        );
        foreach (var (name, value) in columns)
        {
            json[name] = BigPandaJson.Value(value);
        }

        json["transformation"] = job.Transformation is null ? null : JobTiming.TransformationName(job.Transformation);
        json["eventservice"] = EventService(columns);
        if (string.IsNullOrEmpty(job.ProdUserName))
        {
            json["produsername"] = string.IsNullOrEmpty(job.ProdUserId) ? "Unknown" : job.ProdUserId;
        }

        var duration = (long)JobTiming.Duration(job, asOfUtc).TotalSeconds;
        var wait = (long)JobTiming.TimeToStart(job, asOfUtc).TotalSeconds;
        json["duration"] = JobTiming.FormatDhms(TimeSpan.FromSeconds(duration));
        json["durationsec"] = duration;
        json["durationmin"] = duration / 60;
        json["waittime"] = JobTiming.FormatDhms(TimeSpan.FromSeconds(wait));
        json["waittimesec"] = wait;
        json["cpuefficiency"] =
            duration > 0 && job.ActualCoreCount is > 0 && job.CpuConsumptionTime > 0
                ? Math.Round(100.0 * (double)job.CpuConsumptionTime / duration / job.ActualCoreCount.Value, 2)
                : null;
        json["maxpssgbpercore"] = JobTiming.MaxPssPerCoreGb(job.MaxPss, job.ActualCoreCount);
        json["errorinfo"] = ErrorInfo(job);
        json["jobinfo"] = JobInfo(job, columns);
        json["category"] = Category(job);
        json["priorityrange"] = PriorityRange(job.CurrentPriority);
        json["wn"] = columns["modificationhost"] is string { Length: > 0 } host
            ? host[(host.IndexOf('@') + 1)..]
            : "Unknown";
        json["processor_type"] =
            columns["jobmetrics"] is string metrics && metrics.Contains("nGPU", StringComparison.Ordinal)
                ? "GPU"
                : "CPU";
        json["ninputs"] = job.InputFiles ?? 0;
        json["blinded"] = job.IsRedacted;
        return json;
    }

    /// <summary>fields=a,b keeps only those keys; metastruct and datasets are added by the caller when asked
    /// for.</summary>
    public static Dictionary<string, object?> Keep(Dictionary<string, object?> job, IReadOnlyList<string>? fields)
    {
        var kept = fields?.Where(f => f is not ("metastruct" or "datasets")).ToList();
        return kept is null || kept.Count == 0
            ? job
            : kept.Where(job.ContainsKey).ToDictionary(f => f, f => job[f], StringComparer.Ordinal);
    }

    /// <summary>BigPanDA's errorinfo: "component:code diag" of every non-zero error of a failed or holding job, at most
    /// 300 characters.</summary>
    private static string ErrorInfo(JobListRow job)
    {
        if (job.JobStatus is not ("failed" or "holding"))
        {
            return "";
        }

        var text = string.Join(" ", job.Errors.Select(e => e.ToString()));
        return text.Length <= 300 ? text : text[..300];
    }

    private static string JobInfo(JobListRow job, IReadOnlyDictionary<string, object?> columns)
    {
        var debug =
            job.SpecialHandling is { } handling
                && (
                    handling.Contains("debug", StringComparison.Ordinal)
                    || handling.Contains("dm", StringComparison.Ordinal)
                )
            || job.CommandToPilot is { Length: > 0 } command && command != "tobekilled";
        var info = debug ? "Real-time logging is activated for this job. " : "";
        if (job.JobStatus != "failed")
        {
            info += string.Join(" ", job.Errors.Where(e => e.Diagnostic is not null).Select(e => e.Diagnostic));
        }

        return columns["eventservice"] is short es && es > 0
            ? $"Event service job ({es}). {info}".TrimEnd()
            : info.TrimEnd();
    }

    /// <summary>
    /// BigPanDA's eventservice: the type's name (a number it has no name for stays a number) of a job its
    /// specialhandling marks as event service, "ordinary" for every other job, NULL included.
    /// </summary>
    private static object EventService(IReadOnlyDictionary<string, object?> columns)
    {
        if (
            columns["eventservice"] is not short type
            || columns["specialhandling"] is not string { Length: > 0 } handling
        )
        {
            return "ordinary";
        }

        var marked =
            handling.Contains("eventservice", StringComparison.Ordinal)
            || handling.Contains("esmerge", StringComparison.Ordinal)
            || type != 0;
        if (!marked || handling.Contains("sc:", StringComparison.Ordinal))
        {
            return "ordinary";
        }

        return type switch
        {
            1 => "eventservice",
            2 => "esmerge",
            3 => "clone",
            4 => "jumbo",
            5 => "cojumbo",
            6 => "finegrained",
            _ => type,
        };
    }

    private static string Category(JobListRow job) =>
        job.Transformation?.Contains("build", StringComparison.OrdinalIgnoreCase) == true ? "build"
        : job.ProcessingType == "pmerge" || job.EventService == 2 ? "merge"
        : "run";

    private static string PriorityRange(int priority)
    {
        var low = (int)Math.Floor(priority / 100.0) * 100;
        return string.Create(CultureInfo.InvariantCulture, $"{low}:{low + 99}");
    }
}
