using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// One CSV row per job of the list. Blind-only values are already null in the rows for viewers without blind access,
/// and stay null here.
/// </summary>
public static class JobExport
{
    public static readonly IReadOnlyList<string> CsvHeader =
    [
        "pandaid",
        "attemptnr",
        "produsername",
        "workinggroup",
        "vo",
        "reqid",
        "jeditaskid",
        "transformation",
        "jobstatus",
        "jobsubstatus",
        "prodsourcelabel",
        "processingtype",
        "creationtime",
        "starttime",
        "endtime",
        "modificationtime",
        "timetostart_s",
        "duration_s",
        "computingsite",
        "currentpriority",
        "actualcorecount",
        "nevents",
        "ninputfiles",
        "maxpssgbpercore",
        "errorinfo",
        "jobname",
        "proddblock",
        "destinationdblock",
        "blinded",
    ];

    public static IEnumerable<string?> CsvRow(JobListRow job, DateTime asOfUtc) =>
        [
            Number(job.PandaId),
            Number(job.AttemptNr),
            job.ProdUserName,
            job.WorkingGroup,
            job.Vo,
            Number(job.ReqId),
            Number(job.JediTaskId),
            job.Transformation,
            job.JobStatus,
            job.JobSubStatus,
            job.ProdSourceLabel,
            job.ProcessingType,
            Time(job.CreationTime),
            Time(job.StartTime),
            Time(job.EndTime),
            Time(job.ModificationTime),
            Number((long)JobTiming.TimeToStart(job, asOfUtc).TotalSeconds),
            Number((long)JobTiming.Duration(job, asOfUtc).TotalSeconds),
            job.ComputingSite,
            Number(job.CurrentPriority),
            Number(job.ActualCoreCount),
            Number(job.NEvents),
            Number(job.InputFiles),
            JobTiming.FormatMaxPssPerCore(JobTiming.MaxPssPerCoreGb(job.MaxPss, job.ActualCoreCount)),
            string.Join("; ", job.Errors),
            job.JobName,
            job.ProdDBlock,
            job.DestinationDBlock,
            job.IsRedacted ? "true" : "false",
        ];

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
