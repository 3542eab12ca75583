using System.Globalization;
using System.Text;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Rollups;

/// <summary>
/// The statements of the usage rollups: three reads of PanDA's ended jobs over a modificationtime range (run in one
/// snapshot on the read-only connection), and the writes into the monitor's schema that replace that range whole.
/// </summary>
public sealed class UsageRollupSql(
    IOptions<PandaOptions> panda,
    IOptions<MonitorStoreOptions> store,
    BlindDataPolicy blind
)
{
    /// <summary>A change here or of the blind scopes makes the aggregator rebuild the rollups from scratch.</summary>
    public const string DefinitionVersion = "usage-v4";

    /// <summary>
    /// The definition and the blind scopes the rollups are built with; canonical, so the same scopes in another order
    /// or twice rebuild nothing. Rollups built with another may not be served: their blind flags differ.
    /// </summary>
    public string Fingerprint =>
        DefinitionVersion + ";" + string.Join(",", BlindPatterns.Distinct().Order(StringComparer.Ordinal));

    /// <summary>The job list's summary rollups, rebuilt and replaced with the usage rollups.</summary>
    public JobSummaryRollupSql Summaries { get; } = new(panda.Value.Schema, store.Value.Schema, blind);

    /// <summary>A job whose PSS grows faster than this (prmon's fitted slope, kB/s) is a memory-leak suspect.</summary>
    public const long MemoryLeakKbPerSecond = 100;

    public static readonly IReadOnlyList<string> Dimensions =
    [
        "computingsite",
        "jobstatus",
        "prodsourcelabel",
        "workinggroup",
        "produsername",
        "transformation",
        "processingtype",
        "resource_type",
        "blind",
    ];

    /// <summary>
    /// The measures of usage_hourly/usage_daily, in table order, and how two cells of one measure combine.
    /// </summary>
    public static readonly IReadOnlyList<(string Column, string Combine)> Measures =
    [
        ("jobs", "sum"),
        ("wall_core_seconds", "sum"),
        ("cpu_seconds", "sum"),
        ("hs06sec", "sum"),
        ("events", "sum"),
        ("input_bytes", "sum"),
        ("output_bytes", "sum"),
        ("failed_core_seconds", "sum"),
        ("pss_jobs", "sum"),
        ("pss_request_jobs", "sum"),
        ("pss_request_per_core_mb", "sum"),
        ("max_pss_per_core_mb", "max"),
        ("jobs_over_request", "sum"),
        .. UsageBuckets.PssColumns.Select(c => (c, "sum")),
        .. UsageBuckets.WalltimeColumns.Select(c => (c, "sum")),
        ("pss_tail_mb", Concatenate),
        ("wall_tail_s", Concatenate),
    ];

    /// <summary>How the exact tails of two cells combine: one array with the values of both.</summary>
    public const string Concatenate = "array_cat_agg";

    public static readonly IReadOnlyList<string> HourlyColumns =
    [
        "hour",
        .. Dimensions,
        .. Measures.Select(m => m.Column),
    ];

    public static readonly IReadOnlyList<string> SiteCoreColumns =
    [
        "hour",
        "computingsite",
        "blind",
        "run_hour",
        "core_seconds",
    ];

    public static readonly IReadOnlyList<string> MemorySuspectColumns =
    [
        "pandaid",
        "modificationtime",
        "jeditaskid",
        "computingsite",
        "transformation",
        "jobstatus",
        "blind",
        "cores",
        "pss_per_core_mb",
        "request_per_core_mb",
        "memory_leak",
    ];

    public string Schema => store.Value.Schema;

    public string[] BlindPatterns => blind.DatasetNamePatterns;

    /// <summary>
    /// Ended jobs of [@from, @to) (or from @from on when <paramref name="bounded"/> is false), one row per job with
    /// the derived quantities every rollup uses. Reads only jobsarchived4 by its partition key and index.
    /// </summary>
    /// <param name="probed">Only the jobs with PandaIDs from @lo to @hi (finding the job that breaks a day).</param>
    private string JobsCte(bool bounded, bool probed = false) =>
        $"""
            {blind.BlindTasksCte("@patterns")},
            j AS (
                SELECT date_trunc('hour', a.modificationtime) AS hour, a.pandaid, a.modificationtime, a.jeditaskid,
                       coalesce(a.computingsite, '') AS computingsite, a.jobstatus, coalesce(a.prodsourcelabel, '') AS
                           prodsourcelabel,
                       coalesce(a.workinggroup, '') AS workinggroup, coalesce(a.produsername, '') AS produsername,
                       coalesce(regexp_replace(a.transformation, '^.*/', ''), '') AS transformation,
                       coalesce(a.processingtype, '') AS processingtype, coalesce(a.resource_type, '') AS resource_type,
                       {BlindDataPolicy.JobIsBlindSql("a", "@patterns")} AS blind,
                       greatest(coalesce(nullif(a.actualcorecount, 0), nullif(a.corecount, 0), 1), 1) AS cores,
                       a.starttime, a.endtime,
                       CASE WHEN a.starttime > timestamp '1970-01-02' AND a.endtime > a.starttime
                            THEN extract(epoch FROM a.endtime - a.starttime) END AS wall,
                       a.cpuconsumptiontime, a.hs06sec, a.nevents, a.inputfilebytes, a.outputfilebytes, a.maxpss,
                           a.memory_leak,
                       CASE WHEN a.minramcount > 0 THEN a.minramcount::numeric / greatest(coalesce(nullif(a.corecount,
                           0), 1), 1) END AS request_per_core_mb
                FROM {panda.Value.Schema}.jobsarchived4 a
                WHERE a.modificationtime >= @from{(bounded ? " AND a.modificationtime < @to" : "")}
                  AND a.jobstatus IN ('finished', 'failed', 'cancelled', 'closed'){(
                probed ? " AND a.pandaid BETWEEN @lo AND @hi" : ""
            )}
            ),
            k AS (
                SELECT j.*, CASE WHEN j.maxpss > 0 THEN j.maxpss / 1024.0 / j.cores END AS pss_per_core_mb
                FROM j
            ),
            b AS (
                SELECT k.*,
                       -- least() skips NULLs, so a job without a PSS must be kept out of the buckets explicitly.
                       CASE WHEN k.pss_per_core_mb IS NOT NULL
                            THEN least(floor(k.pss_per_core_mb / {UsageBuckets.PssBucketGb
                * 1024}), {UsageBuckets.PssBucketCount - 1})::int END AS pss_bucket,
                       width_bucket(k.wall, ARRAY[{string.Join(
                ", ",
                UsageBuckets.WalltimeEdgesSeconds
            )}]::numeric[]) AS wall_bucket
                FROM k
            )
            """;

    public string ReadHourly(bool bounded, bool probed = false)
    {
        var sql = new StringBuilder("WITH ").Append(JobsCte(bounded, probed)).Append('\n');
        sql.Append("SELECT hour, ").Append(string.Join(", ", Dimensions)).Append(",\n");
        sql.Append(
            """
            count(*) AS jobs, coalesce(sum(wall * cores), 0), coalesce(sum(cpuconsumptiontime), 0),
                coalesce(sum(hs06sec), 0)::numeric,
            coalesce(sum(nevents), 0)::numeric, coalesce(sum(inputfilebytes), 0)::numeric,
                coalesce(sum(outputfilebytes), 0)::numeric,
            coalesce(sum(wall * cores) FILTER (WHERE jobstatus = 'failed'), 0),
            count(pss_per_core_mb), count(*) FILTER (WHERE pss_per_core_mb IS NOT NULL AND request_per_core_mb IS NOT
                NULL),
            coalesce(sum(request_per_core_mb) FILTER (WHERE pss_per_core_mb IS NOT NULL), 0), max(pss_per_core_mb),
            count(*) FILTER (WHERE pss_per_core_mb > request_per_core_mb)
            """
        );
        for (var i = 0; i < UsageBuckets.PssBucketCount; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $",\n       (count(*) FILTER (WHERE pss_bucket = {i}))::int");
        }

        for (var i = 0; i < UsageBuckets.WalltimeBucketCount; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $",\n       (count(*) FILTER (WHERE wall_bucket = {i}))::int");
        }

        // The open top buckets keep their jobs' exact values, so a quantile that falls there is exact too.
        sql.Append(
            CultureInfo.InvariantCulture,
            $",\n       array_agg(pss_per_core_mb::real ORDER BY pss_per_core_mb) FILTER (WHERE pss_bucket = "
                + $"{UsageBuckets.PssBucketCount - 1})"
        );
        sql.Append(
            CultureInfo.InvariantCulture,
            $",\n       array_agg(wall::int ORDER BY wall) FILTER (WHERE wall_bucket = "
                + $"{UsageBuckets.WalltimeBucketCount - 1})"
        );
        sql.Append("\nFROM b GROUP BY hour, ").Append(string.Join(", ", Dimensions));
        return sql.ToString();
    }

    /// <summary>
    /// The ended jobs of [@from, @to) read from PanDA as a relation with usage_hourly's columns, one row per job, so
    /// the statements of the rollups' readers count a window's edges exactly as the rollups count its hours.
    /// </summary>
    public string EndedJobsRelation() =>
        $"""
            WITH {JobsCte(bounded: true)},
            usage_hourly AS (
                SELECT hour, modificationtime, {string.Join(", ", Dimensions)}, 1 AS jobs,
                       coalesce(wall * cores, 0) AS wall_core_seconds,
                       coalesce(cpuconsumptiontime, 0)::numeric AS cpu_seconds,
                       coalesce(hs06sec, 0)::numeric AS hs06sec,
                       CASE WHEN jobstatus = 'failed' THEN coalesce(wall * cores, 0) ELSE 0 END AS failed_core_seconds,
                       coalesce(nevents, 0)::numeric AS events, coalesce(inputfilebytes, 0)::numeric AS input_bytes,
                       coalesce(outputfilebytes, 0)::numeric AS output_bytes
                FROM b
            )
            """;

    /// <summary>Each job's core-seconds spread over the clock hours it ran in, per site and hour of archival.</summary>
    public string ReadSiteCores(bool bounded, bool probed = false) =>
        $"""
            WITH {JobsCte(bounded, probed)}
            SELECT b.hour, b.computingsite, b.blind, h AS run_hour,
                   sum(extract(epoch FROM least(b.endtime, h + interval '1 hour') - greatest(b.starttime, h)) *
                       b.cores) AS core_seconds
            FROM b CROSS JOIN LATERAL generate_series(date_trunc('hour', b.starttime), b.endtime, interval '1 hour') AS
                h
            WHERE b.wall IS NOT NULL AND h < b.endtime
            GROUP BY 1, 2, 3, 4
            """;

    public string ReadMemorySuspects(bool bounded, bool probed = false) =>
        $"""
            WITH {JobsCte(bounded, probed)}
            SELECT pandaid, modificationtime, jeditaskid, computingsite, transformation, jobstatus, blind, cores::int,
                   pss_per_core_mb, request_per_core_mb, memory_leak
            FROM b
            WHERE pss_per_core_mb > request_per_core_mb OR memory_leak >= {MemoryLeakKbPerSecond}
            """;

    /// <summary>
    /// The PandaIDs of the jobs that ended in [@from, @to), in order, to bisect a day that cannot be aggregated.
    /// </summary>
    public string EndedPandaIds() =>
        $"SELECT pandaid FROM {panda.Value.Schema}.jobsarchived4 WHERE modificationtime >= @from AND "
        + $"modificationtime < @to "
        + "AND jobstatus IN ('finished', 'failed', 'cancelled', 'closed') ORDER BY pandaid";

    /// <summary>
    /// The oldest archival time from @from on, found on the (modificationtime, prodsourcelabel) index.
    /// </summary>
    public string OldestJob() =>
        $"SELECT min(modificationtime) FROM {panda.Value.Schema}.jobsarchived4 WHERE modificationtime >= @from";

    /// <summary>Removes what a range held before its rows are written again; @to is absent for an open range.</summary>
    public string DeleteRange(bool bounded)
    {
        var to = bounded ? " AND {0} < @to" : "";
        var hourly = new[] { "usage_hourly", "site_cores_hourly", "job_summary_hourly", "job_errors_hourly" };
        return string.Join(
                "",
                hourly.Select(t =>
                    $"DELETE FROM {Schema}.{t} WHERE hour >= @from"
                    + $"{string.Format(CultureInfo.InvariantCulture, to, "hour")};\n"
                )
            )
            + $"DELETE FROM {Schema}.memory_suspects WHERE modificationtime >= "
            + $"@from{string.Format(CultureInfo.InvariantCulture, to, "modificationtime")}";
    }

    /// <summary>Rebuilds the days [@day_from, @day_to) of usage_daily from usage_hourly.</summary>
    public string RebuildDays() =>
        $"DELETE FROM {Schema}.usage_daily WHERE day >= @day_from AND day < @day_to;\n"
        + $"INSERT INTO {Schema}.usage_daily (day, {string.Join(", ", Dimensions)}, "
        + $"{string.Join(", ", Measures.Select(m => m.Column))})\n"
        + $"SELECT date_trunc('day', hour), {string.Join(", ", Dimensions)}, "
        + string.Join(
            ", ",
            Measures.Select(m =>
                m.Combine == Concatenate ? $"{Schema}.{Concatenate}({m.Column})" : $"{m.Combine}({m.Column})"
            )
        )
        + $"\nFROM {Schema}.usage_hourly WHERE hour >= @day_from AND hour < @day_to GROUP BY date_trunc('day', "
        + $"hour), {string.Join(", ", Dimensions)}";

    public string CopyInto(string table, IReadOnlyList<string> columns) =>
        $"COPY {Schema}.{table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
}
