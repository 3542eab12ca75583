using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.JobTables;
using System.Globalization;
namespace DarkSide.Monitor.Features.JobList;

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

    /// <summary>
    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field a spreadsheet would run
    /// as a formula (=, +, -, @, tab or CR first, and not a number) starts with an apostrophe, so it stays text.
    /// </summary>
    public static string CsvLine(IEnumerable<string?> fields) => string.Join(",", fields.Select(Cell));

    private static string Cell(string? field)
    {
        if (field is null)
        {
            return "";
        }

        if (field.Length > 0 && "=+-@\t\r".Contains(field[0])
            && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }

        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }

    /// <summary>BigPanDA's selectionsummary: a numeric attribute's values (task, attempt, cores) are numbers, as there.</summary>
    public static object SelectionSummary(JobSelectionSummary summary) =>
        summary.Attributes.Select(a =>
        {
            var numeric = DarkSide.Monitor.Panda.Query.JobFields.Find(a.Parameter)?.Kind == DarkSide.Monitor.Panda.Query.JobFieldKind.NumberList;
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

}
