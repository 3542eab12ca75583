using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Rollups;

/// <summary>
/// The statements of the job-list summary rollups: every job of jobsarchived4 per hour of modificationtime (whatever
/// its status, as the job list shows them), counted per summary attribute value and per error component:code,
/// keyed by site, status and blindness. The direct summaries (<see cref="JobSqlBuilder"/>) count the same way.
/// </summary>
public sealed class JobSummaryRollupSql(string pandaSchema, string schema, BlindDataPolicy blind)
{
    public static readonly IReadOnlyList<string> SummaryColumns =
    [
        "hour",
        "computingsite",
        "jobstatus",
        "blind",
        "field",
        "value",
        "jobs",
    ];

    public static readonly IReadOnlyList<string> ErrorColumns =
    [
        "hour",
        "computingsite",
        "jobstatus",
        "blind",
        "component",
        "code",
        "jobs",
        "example",
        "sample",
    ];

    private static IEnumerable<string> FieldColumns => JobSummaryFields.All.Select(f => f.Column);

    private static IEnumerable<string> ErrorColumnsOf(string alias) =>
        ErrorFields.All.SelectMany(e => new[] { $"{alias}.{e.CodeColumn}", $"{alias}.{e.DiagColumn}" });

    private string JobsCte(bool bounded, bool probed) =>
        $"""
            {blind.BlindTasksCte("@patterns")},
            j AS (
                SELECT date_trunc('hour', a.modificationtime) AS hour, a.computingsite AS key_site,
                       a.jobstatus AS key_status, {BlindDataPolicy.JobIsBlindSql("a", "@patterns")} AS blind, a.pandaid,
                       {string.Join(", ", FieldColumns.Where(c => c != "jobstatus").Select(c => "a." + c))},
                       {string.Join(", ", ErrorColumnsOf("a"))}
                FROM {pandaSchema}.jobsarchived4 a
                WHERE a.modificationtime >= @from{(bounded ? " AND a.modificationtime < @to" : "")}{(
                probed ? " AND a.pandaid BETWEEN @lo AND @hi" : ""
            )}
            )
            """;

    /// <summary>
    /// Per hour, site, status and blindness: the jobs with each value of each summary attribute, one grouping set
    /// per attribute; GROUPING()'s mask tells which (as in <see cref="JobSqlBuilder.SummaryCommand"/>).
    /// </summary>
    public string ReadSummary(bool bounded, bool probed)
    {
        var columns = FieldColumns.Select(c => c == "jobstatus" ? "key_status" : c).ToList();
        return $"""
            WITH {JobsCte(bounded, probed)}
            SELECT hour, key_site, key_status, blind, GROUPING({string.Join(", ", columns)}) AS grouping_mask,
                   {string.Join(", ", columns.Select(c => c + "::text"))}, count(*) AS jobs
            FROM j
            GROUP BY hour, key_site, blind, GROUPING SETS ({string.Join(", ", columns.Select(c => c == "key_status"
                ? "(key_status)" : $"(key_status, {c})"))})
            """;
    }

    /// <summary>Per hour, site, status and blindness: failed and holding jobs per error component:code.</summary>
    public string ReadErrors(bool bounded, bool probed)
    {
        var components = string.Join(
            ", ",
            ErrorFields.All.Select(e => $"('{e.Component}', j.{e.CodeColumn}, j.{e.DiagColumn}::text COLLATE \"C\")")
        );
        return $"""
            WITH {JobsCte(bounded, probed)}
            SELECT j.hour, j.key_site, j.key_status, j.blind, e.component, e.code, count(*), min(j.pandaid), min(e.diag)
            FROM j CROSS JOIN LATERAL (VALUES {components}) e(component, code, diag)
            WHERE j.key_status IN ('failed', 'holding') AND e.code <> 0
            GROUP BY 1, 2, 3, 4, 5, 6
            """;
    }

    /// <summary>
    /// A row of <see cref="ReadSummary"/> as job_summary_hourly keeps it: the attribute's column instead of the mask
    /// and one value instead of one per attribute.
    /// </summary>
    public static object[] ToSummaryRow(object[] read)
    {
        var fields = JobSummaryFields.All;
        var mask = Convert.ToInt32(read[4], System.Globalization.CultureInfo.InvariantCulture);
        // GROUPING() sets a bit for every column not grouped, the first column's highest; the status is always grouped.
        var grouped = Enumerable
            .Range(0, fields.Count)
            .Where(i => (mask & (1 << (fields.Count - 1 - i))) == 0)
            .ToList();
        var status = FieldIndex("jobstatus");
        var field = grouped.Count == 1 ? status : grouped.Single(i => i != status);
        return [read[0], read[1], read[2], read[3], fields[field].Column, read[5 + field], read[5 + fields.Count]];
    }

    private static int FieldIndex(string column) =>
        JobSummaryFields.All.Select((f, i) => (f.Column, i)).Single(f => f.Column == column).i;

    /// <summary>Rebuilds the days [@day_from, @day_to) of the daily tables from the hourly ones.</summary>
    public string RebuildDays() =>
        $"""
            DELETE FROM {schema}.job_summary_daily WHERE day >= @day_from AND day < @day_to;
            INSERT INTO {schema}.job_summary_daily (day, computingsite, jobstatus, blind, field, value, jobs)
            SELECT date_trunc('day', hour), computingsite, jobstatus, blind, field, value, sum(jobs)
            FROM {schema}.job_summary_hourly WHERE hour >= @day_from AND hour < @day_to
            GROUP BY 1, 2, 3, 4, 5, 6;
            DELETE FROM {schema}.job_errors_daily WHERE day >= @day_from AND day < @day_to;
            INSERT INTO {schema}.job_errors_daily
                (day, computingsite, jobstatus, blind, component, code, jobs, example, sample)
            SELECT date_trunc('day', hour), computingsite, jobstatus, blind, component, code, sum(jobs), min(example),
                   min(sample)
            FROM {schema}.job_errors_hourly WHERE hour >= @day_from AND hour < @day_to
            GROUP BY 1, 2, 3, 4, 5, 6
            """;
}
