using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// Builds the job-list statements: one UNION ALL over PanDA's job tables, read in a single statement so that a job
/// moving between tables is seen exactly once (each move is one transaction, each statement one snapshot).
/// Blind-only values are replaced by NULL in the outer SELECT, and a filter on a blind-only field never matches a
/// blind job, so the page, the count and the sort order all see the same redacted view.
/// </summary>
public sealed partial class JobSqlBuilder(IOptions<PandaOptions> panda, BlindDataPolicy blind, PandaSchema tables)
{
    /// <summary>How blind jobs are told apart, for statements built on <see cref="Union"/>.</summary>
    public BlindDataPolicy Blind => blind;

    /// <summary>PanDA's schema (doma_panda).</summary>
    public string Schema => panda.Value.Schema;

    /// <summary>Columns the job list reads from every table.</summary>
    public static readonly IReadOnlyList<string> ListColumns =
    [
        "pandaid",
        "jeditaskid",
        "taskid",
        "reqid",
        "attemptnr",
        "maxattempt",
        "produsername",
        "produserid",
        "workinggroup",
        "vo",
        "transformation",
        "prodsourcelabel",
        "processingtype",
        "jobstatus",
        "jobsubstatus",
        "creationtime",
        "starttime",
        "endtime",
        "statechangetime",
        "modificationtime",
        "computingsite",
        "cloud",
        "currentpriority",
        "corecount",
        "actualcorecount",
        "maxpss",
        "avgpss",
        "cpuconsumptiontime",
        "hs06sec",
        "specialhandling",
        "commandtopilot",
        "eventservice",
        "transexitcode",
        .. ErrorFields.All.SelectMany(e => new[] { e.CodeColumn, e.DiagColumn }),
        "jobname",
        "nevents",
        "proddblock",
        "dispatchdblock",
        "destinationdblock",
    ];

    private const string Epoch = "TIMESTAMP '1970-01-01 00:00:00'";

    /// <summary>
    /// Columns whose type differs between PanDA's job tables (docs/panda-data.md, "The 127 job columns"). Every branch
    /// casts them to one type so PostgreSQL can flatten the UNION ALL and serve ORDER BY ... LIMIT from each table's
    /// index.
    /// </summary>
    private static readonly Dictionary<string, string> CommonTypes = new()
    {
        ["nevents"] = "bigint",
        ["maxcpucount"] = "bigint",
        ["maxdiskcount"] = "bigint",
        ["minramcount"] = "bigint",
        ["minramunit"] = "text",
        ["piloterrordiag"] = "text",
        ["exeerrordiag"] = "text",
        ["ddmerrordiag"] = "text",
        ["taskbuffererrordiag"] = "text",
        ["grid"] = "text",
        ["cloud"] = "text",
    };

    private static string BranchColumns(IReadOnlyList<string> columns) =>
        string.Join(
            ", ",
            columns.Select(c => CommonTypes.TryGetValue(c, out var type) ? $"j.{c}::{type} AS {c}" : "j." + c)
        );

    /// <param name="allColumns">All 127 PanDA columns (BigPanDA's JSON) instead of the list's.</param>
    public NpgsqlCommand PageCommand(JobQuery query, ViewerAccess viewer, bool allColumns = false)
    {
        var columns = allColumns ? PandaJobColumns.All : ListColumns;
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var projection = string.Join(", ", columns.Select(c => Project(c, viewer)));
        var direction = (query.Sort.Descending ? "DESC" : "ASC") + (query.Sort.NullsLast ? " NULLS LAST" : "");
        var take = query.Limit is { } limit
            ? Math.Max(0, Math.Min(query.DisplayLimit, limit - query.Offset))
            : query.DisplayLimit;
        var now = parameters.AddTimestamp(query.AsOfUtc);

        // Each table returns its own first offset+take rows, which contain the page: PostgreSQL 15 does not give a
        // partitioned table inside a UNION ALL its ordered index path, so the sort and limit go into every branch.
        var branchOrder =
            $"ORDER BY {SortExpression(query.Sort.Key, "j", now)} {direction}, j.pandaid {direction} LIMIT "
            + $"{parameters.Add((long)(query.Offset + take))}";
        var union = Union(query, viewer, parameters, patterns, BranchColumns(columns), branchOrder);

        // The blind check runs once per returned row: PostgreSQL evaluates it after ORDER BY/LIMIT.
        var sql = $"""
            WITH {blind.BlindTasksCte(patterns)}
            SELECT {projection}, shown.pandatable, shown.isblind{QueueStatusColumns}
            FROM (SELECT jobs.*, {BlindDataPolicy.JobIsBlindSql("jobs", patterns)} AS isblind
                  FROM ({union}) jobs
                  ORDER BY {SortExpression(query.Sort.Key, "jobs", now)} {direction}, jobs.pandaid {direction}
                  LIMIT {parameters.Add((long)take)} OFFSET {parameters.Add((long)query.Offset)}) shown
            {QueueStatusJoin}
            ORDER BY {SortExpression(query.Sort.Key, "shown", now)} {direction}, shown.pandaid {direction}
            """;
        return parameters.ToCommand(sql);
    }

    // BigPanDA's site cell carries the queue's status; read for the returned rows only, when PanDA has the table.
    private string QueueStatusColumns =>
        tables.Has(PandaTable.SchedConfig)
            ? ", q.data->>'status' AS queuestatus, q.data->>'comment_' AS queuecomment"
            : "";

    private string QueueStatusJoin =>
        tables.Has(PandaTable.SchedConfig)
            ? $"LEFT JOIN {panda.Value.Schema}.schedconfig_json q ON q.panda_queue = shown.computingsite"
            : "";

    /// <summary>Distinct input LFNs per job for the given PandaIDs, from filestable4's pandaid index.</summary>
    public NpgsqlCommand? InputFileCountCommand(long[] pandaIds)
    {
        if (!tables.Has(PandaTable.Files))
        {
            return null;
        }

        var parameters = new SqlParameterBag();
        var ids = parameters.Add(pandaIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        return parameters.ToCommand(
            $"SELECT pandaid, count(DISTINCT lfn) FROM {panda.Value.Schema}.filestable4 WHERE pandaid = "
                + $"ANY({ids}) AND type = 'input' GROUP BY pandaid"
        );
    }

    /// <param name="explain">True for the planner's row estimate (EXPLAIN) instead of an exact count.</param>
    /// <param name="bound">Count at most this many rows (a count that stops there means "this many or more").</param>
    public NpgsqlCommand CountCommand(JobQuery query, ViewerAccess viewer, bool explain, long? bound = null)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var union = Union(query, viewer, parameters, patterns, "1", branchOrder: null);
        var with = $"WITH {blind.BlindTasksCte(patterns)} ";
        var counted = bound is { } b
            ? $"(SELECT 1 FROM ({union}) jobs LIMIT {parameters.Add(b)}) jobs"
            : $"({union}) jobs";
        var sql = explain
            ? $"EXPLAIN (FORMAT JSON) {with}SELECT 1 FROM ({union}) jobs"
            : $"{with}SELECT count(*) FROM {counted}";
        return parameters.ToCommand(sql);
    }

    /// <summary>
    /// One statement over every job table the query needs (each job once), with the viewer's blind rule: the base
    /// that the job list, the summaries and the features' own statements select from.
    /// </summary>
    public string Union(
        JobQuery query,
        ViewerAccess viewer,
        SqlParameterBag parameters,
        string patterns,
        string select,
        string? branchOrder,
        RolledUpJobSummary? rolledUp = null
    )
    {
        var schema = panda.Value.Schema;
        var filters = query.Filters.Select(f => Filter(f, viewer, parameters, patterns)).ToList();
        var window = query.Window;
        var from = window.FromUtc is { } f ? parameters.AddTimestamp(f) : null;
        var to = window.ToUtc is { } t ? parameters.AddTimestamp(t) : null;

        string Branch(string table, string tag, string timeColumn, bool windowed, string? extra = null) =>
            WindowBranch(table, tag, timeColumn, windowed ? from : null, windowed ? to : null, extra);

        string WindowBranch(string table, string tag, string timeColumn, string? low, string? high, string? extra)
        {
            var where = new List<string>(filters);
            if (low is not null)
            {
                where.Add($"j.{timeColumn} >= {low}");
            }

            if (high is not null)
            {
                where.Add($"j.{timeColumn} < {high}");
            }

            if (extra is not null)
            {
                where.Add(extra);
            }

            if (query.DropRetried && tables.Has(PandaTable.RetryHistory))
            {
                where.Add(RetriedJobExcluded(schema, "j"));
            }

            if (viewer.ExcludesBlindJobs)
            {
                where.Add($"NOT {BlindDataPolicy.JobIsBlindSql("j", patterns)}");
            }

            var clause = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
            var branch = $"SELECT {select}, '{tag}'::text AS pandatable FROM {table} j{clause}";
            return branchOrder is null ? branch : $"({branch} {branchOrder})";
        }

        var branches = new List<string>
        {
            Branch($"{schema}.jobsdefined4", "jobsdefined4", "modificationtime", window.AppliesToActiveTables),
            Branch($"{schema}.jobsactive4", "jobsactive4", "modificationtime", window.AppliesToActiveTables),
        };
        if (rolledUp is null)
        {
            branches.Add(Branch($"{schema}.jobsarchived4", "jobsarchived4", "modificationtime", windowed: true));
        }
        else
        {
            // The rollups hold [rolledUp.From, rolledUp.To): only the window's edges are read here.
            var (holeFrom, holeTo) = (
                parameters.AddTimestamp(rolledUp.FromUtc),
                parameters.AddTimestamp(rolledUp.ToUtc)
            );
            branches.Add(
                WindowBranch($"{schema}.jobsarchived4", "jobsarchived4", "modificationtime", from, holeFrom, null)
            );
            branches.Add(
                WindowBranch($"{schema}.jobsarchived4", "jobsarchived4", "modificationtime", holeTo, to, null)
            );
        }

        if (tables.Has(PandaTable.JobsWaiting4))
        {
            branches.Insert(
                1,
                Branch($"{schema}.jobswaiting4", "jobswaiting4", "modificationtime", window.AppliesToActiveTables)
            );
        }

        // The archive schema holds jobs older than jobsarchived4's retention, and copies of recent ones (skipped here).
        if (ReadsArchive(query) && tables.Has(PandaTable.ArchivedJobs))
        {
            branches.Add(
                Branch(
                    $"{panda.Value.ArchiveSchema}.jobsarchived",
                    "jobsarchived",
                    "statechangetime",
                    windowed: true,
                    $"NOT EXISTS (SELECT 1 FROM {schema}.jobsarchived4 a4 WHERE a4.pandaid = j.pandaid)"
                )
            );
        }

        return string.Join("\nUNION ALL\n", branches);
    }

    /// <summary>Whether the window reaches before jobsarchived4's retention, into the archive schema.</summary>
    public bool ReadsArchive(JobQuery query) =>
        query.Window.IsDeepQuery || query.Window.FromUtc < query.AsOfUtc.AddDays(-panda.Value.ArchivedRetentionDays);

    /// <summary>What this selection cannot show because an optional PanDA table does not exist.</summary>
    public IReadOnlyList<string> Notices(JobQuery query) =>
        tables.NoticesFor([
            .. ReadsArchive(query) ? [PandaTable.ArchivedJobs] : Array.Empty<PandaTable>(),
            .. query.DropRetried ? [PandaTable.RetryHistory] : Array.Empty<PandaTable>(),
        ]);

    /// <summary>Drop mode, read through jedi_job_retry_history's primary key (jeditaskid, oldpandaid, ...).</summary>
    public static string RetriedJobExcluded(string schema, string alias) =>
        $"NOT EXISTS (SELECT 1 FROM {schema}.jedi_job_retry_history h WHERE h.jeditaskid = {alias}.jeditaskid "
        + $"AND h.oldpandaid = {alias}.pandaid AND h.relationtype = 'retry')";

    /// <summary>The tables the startup check found, and how their text sorts.</summary>
    public PandaSchema Tables => tables;

    private TextIndexHints IndexHints =>
        new(
            tables.TextSortsByCodePoint,
            tables.Has(PandaTable.SchedConfig)
                ? $"SELECT s.panda_queue FROM {tables.QualifiedName(PandaTable.SchedConfig)} s"
                : null
        );

    private string Filter(JobFilter filter, ViewerAccess viewer, SqlParameterBag parameters, string patterns)
    {
        var predicate = JobFilterSql.Predicate(filter, parameters, IndexHints);
        return filter.Field.BlindOnly && !viewer.CanSeeBlindData
            ? $"({predicate} AND NOT {BlindDataPolicy.JobIsBlindSql("j", patterns)})"
            : predicate;
    }

    private static string Project(string column, ViewerAccess viewer) =>
        BlindDataPolicy.BlindOnlyJobColumns.Contains(column) && !viewer.CanSeeBlindData
            ? $"CASE WHEN shown.isblind THEN NULL ELSE shown.{column} END AS {column}"
            : $"shown.{column}";

    private static string SortExpression(JobSortKey key, string alias, string now) =>
        key switch
        {
            JobSortKey.Time => $"{alias}.modificationtime",
            JobSortKey.Create => $"{alias}.creationtime",
            JobSortKey.StateTime => $"{alias}.statechangetime",
            JobSortKey.Priority => $"{alias}.currentpriority",
            JobSortKey.AttemptNr => $"{alias}.attemptnr",
            JobSortKey.PandaId => $"{alias}.pandaid",
            JobSortKey.Duration => DurationSeconds(alias, now),
            JobSortKey.QueueTime =>
                $"extract(epoch FROM coalesce(NULLIF({alias}.starttime, {Epoch}), {now}) - {alias}.creationtime)",
            JobSortKey.ProdUserName => $"{alias}.produsername",
            JobSortKey.JediTaskId => $"{alias}.jeditaskid",
            JobSortKey.Transformation => $"{alias}.transformation",
            JobSortKey.JobStatus => $"{alias}.jobstatus",
            JobSortKey.ComputingSite => $"{alias}.computingsite",
            // JobTiming.MaxPssPerCoreGb's rule: no value without a PSS and a positive core count.
            JobSortKey.PssPerCore =>
                $"CASE WHEN {alias}.actualcorecount > 0 THEN {alias}.maxpss::float8 / {alias}.actualcorecount END",
            _ => throw new NotSupportedException(key.ToString()),
        };

    /// <summary>
    /// BigPanDA's duration with its fallbacks, in SQL; <see cref="JobTiming.Duration(JobListRow, DateTime)"/> is the
    /// same rule in C#.
    /// </summary>
    private static string DurationSeconds(string a, string now) =>
        $"""
            CASE WHEN NULLIF({a}.starttime, {Epoch}) IS NULL THEN 0
                 WHEN NULLIF({a}.endtime, {Epoch}) IS NOT NULL THEN extract(epoch FROM {a}.endtime - {a}.starttime)
                 WHEN {a}.jobstatus IN ('finished', 'failed', 'cancelled', 'closed', 'merging')
                      THEN extract(epoch FROM coalesce(NULLIF({a}.statechangetime, {Epoch}), {a}.modificationtime) -
                          {a}.starttime)
                 ELSE extract(epoch FROM {now} - {a}.starttime) END
            """;
}
