using System.Globalization;
using DarkSide.Monitor.Jobs;

namespace DarkSide.Monitor.Export;

/// <summary>
/// The job list's export shapes: BigPanDA's JSON (bigpanda-monitor.md §6: jobs, selectionsummary, errsByCount, with
/// PanDA's lower-case column names and BigPanDA's computed fields) and one CSV row per job. Blind-only values are
/// already null in the rows for viewers without blind access, and stay null here.
/// </summary>
public static class JobExport
{
    public static readonly IReadOnlyList<string> CsvHeader =
    [
        "pandaid", "attemptnr", "produsername", "workinggroup", "vo", "reqid", "jeditaskid", "transformation", "jobstatus",
        "jobsubstatus", "prodsourcelabel", "processingtype", "creationtime", "starttime", "endtime", "modificationtime",
        "timetostart_s", "duration_s", "computingsite", "currentpriority", "actualcorecount", "nevents", "ninputfiles",
        "maxpssgbpercore", "errorinfo", "jobname", "proddblock", "destinationdblock", "blinded",
    ];

    public static IEnumerable<string?> CsvRow(JobListRow job, DateTime asOfUtc) =>
    [
        Number(job.PandaId), Number(job.AttemptNr), job.ProdUserName, job.WorkingGroup, job.Vo, Number(job.ReqId),
        Number(job.JediTaskId), job.Transformation, job.JobStatus, job.JobSubStatus, job.ProdSourceLabel, job.ProcessingType,
        Time(job.CreationTime), Time(job.StartTime), Time(job.EndTime), Time(job.ModificationTime),
        Number((long)JobTiming.TimeToStart(job, asOfUtc).TotalSeconds), Number((long)JobTiming.Duration(job, asOfUtc).TotalSeconds),
        job.ComputingSite, Number(job.CurrentPriority), Number(job.ActualCoreCount), Number(job.NEvents), Number(job.InputFiles),
        JobTiming.FormatMaxPssPerCore(JobTiming.MaxPssPerCoreGb(job.MaxPss, job.ActualCoreCount)),
        string.Join("; ", job.Errors), job.JobName, job.ProdDBlock, job.DestinationDBlock, job.IsRedacted ? "true" : "false",
    ];

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    public static string CsvLine(IEnumerable<string?> fields) =>
        string.Join(",", fields.Select(f => f is null ? "" :
            f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"") + "\"" : f));

    /// <summary>One job as BigPanDA's JSON has it: PanDA's column names plus its computed fields.</summary>
    public static Dictionary<string, object?> JsonJob(JobListRow job, DateTime asOfUtc)
    {
        var duration = (long)JobTiming.Duration(job, asOfUtc).TotalSeconds;
        var wait = (long)JobTiming.TimeToStart(job, asOfUtc).TotalSeconds;
        return new Dictionary<string, object?>
        {
            ["pandaid"] = job.PandaId, ["jeditaskid"] = job.JediTaskId, ["taskid"] = job.TaskId, ["reqid"] = job.ReqId,
            ["attemptnr"] = job.AttemptNr, ["maxattempt"] = job.MaxAttempt, ["produsername"] = job.ProdUserName,
            ["produserid"] = job.ProdUserId, ["workinggroup"] = job.WorkingGroup, ["vo"] = job.Vo,
            ["transformation"] = job.Transformation, ["prodsourcelabel"] = job.ProdSourceLabel,
            ["processingtype"] = job.ProcessingType, ["jobstatus"] = job.JobStatus, ["jobsubstatus"] = job.JobSubStatus,
            ["creationtime"] = Time(job.CreationTime), ["starttime"] = Time(job.StartTime), ["endtime"] = Time(job.EndTime),
            ["statechangetime"] = Time(job.StateChangeTime), ["modificationtime"] = Time(job.ModificationTime),
            ["computingsite"] = job.ComputingSite, ["cloud"] = job.Cloud, ["currentpriority"] = job.CurrentPriority,
            ["corecount"] = job.CoreCount, ["actualcorecount"] = job.ActualCoreCount, ["maxpss"] = job.MaxPss,
            ["avgpss"] = job.AvgPss, ["cpuconsumptiontime"] = job.CpuConsumptionTime, ["hs06sec"] = job.Hs06Sec,
            ["specialhandling"] = job.SpecialHandling, ["eventservice"] = job.EventService,
            ["transexitcode"] = job.TransExitCode, ["jobname"] = job.JobName, ["nevents"] = job.NEvents,
            ["ninputfiles"] = job.InputFiles, ["proddblock"] = job.ProdDBlock, ["destinationdblock"] = job.DestinationDBlock,
            ["durationsec"] = duration, ["durationmin"] = duration / 60, ["waittimesec"] = wait,
            ["maxpssgbpercore"] = JobTiming.MaxPssPerCoreGb(job.MaxPss, job.ActualCoreCount),
            ["errorinfo"] = Truncate(string.Join(" ", job.Errors), 300),
            ["blinded"] = job.IsRedacted,
        };
    }

    /// <summary>BigPanDA's selectionsummary: a numeric attribute's values (task, attempt, cores) are numbers, as there.</summary>
    public static object SelectionSummary(JobSelectionSummary summary) =>
        summary.Attributes.Select(a =>
        {
            var numeric = Jobs.Query.JobFields.Find(a.Parameter)?.Kind == Jobs.Query.JobFieldKind.NumberList;
            return new
            {
                field = a.Parameter,
                list = a.Values.Select(v => new
                {
                    kname = v.Value is null ? "Not specified"
                        : numeric && long.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (object)v.Value,
                    kvalue = v.Count,
                }),
            };
        });

    public static object ErrorsByCount(JobSelectionSummary summary) =>
        summary.Errors.Select(e => new
        {
            error = e.Component,
            codename = e.CodeColumn,
            codeval = e.Code,
            diag = e.SampleDiagnostic,
            desc = e.Description,
            example_pandaid = e.ExamplePandaId,
            count = e.Jobs,
        });

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
