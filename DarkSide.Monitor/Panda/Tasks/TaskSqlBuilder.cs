using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Panda.Tasks;

/// <summary>
/// Task statements over jedi_tasks and jedi_datasets. Blind tasks (a dataset in a blind scope) have their names
/// NULLed for viewers without blind access, and a filter on the name never matches them.
/// </summary>
public sealed class TaskSqlBuilder(IOptions<PandaOptions> panda, BlindDataPolicy blind)
{
    public BlindDataPolicy Blind => blind;

    /// <summary>PanDA's schema, e.g. doma_panda.</summary>
    public string Schema => panda.Value.Schema;

    public NpgsqlCommand PageCommand(TaskQuery query, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var where = Where(query, viewer, parameters);
        var order =
            $"{SortColumn(query.Sort)} {(query.Descending ? "DESC NULLS LAST" : "ASC NULLS FIRST")}, "
            + $"j.jeditaskid {(query.Descending ? "DESC" : "ASC")}";
        var sql = $"""
            WITH {blind.BlindTasksCte(patterns)},
            page AS (SELECT j.* FROM {Schema}.jedi_tasks j {where} ORDER BY {order}
                     LIMIT {parameters.Add((long)query.DisplayLimit)} OFFSET {parameters.Add((long)query.Offset)})
            SELECT {TaskColumns(viewer)}, p.files, p.finished, p.failed, {BlindOnly("p.events", "j", viewer)}
            FROM page j
            LEFT JOIN LATERAL ({ProgressSql("j")}) p ON true
            ORDER BY {order}
            """;
        return parameters.ToCommand(sql);
    }

    public NpgsqlCommand CountCommand(TaskQuery query, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        return parameters.ToCommand(
            $"WITH {blind.BlindTasksCte(patterns)} SELECT count(*) FROM {Schema}.jedi_tasks j "
                + $"{Where(query, viewer, parameters)}"
        );
    }

    /// <summary>
    /// Counts per value of each <see cref="TaskFields.Summary"/> attribute, in one pass (GROUPING SETS).
    /// </summary>
    public NpgsqlCommand SummaryCommand(TaskQuery query, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var columns = TaskFields.Summary.Select(f => "j." + f.Column).ToList();
        return parameters.ToCommand(
            $"""
            WITH {blind.BlindTasksCte(patterns)}
            SELECT GROUPING({string.Join(", ", columns)}), {string.Join(
                ", ",
                columns.Select(c => c + "::text")
            )}, count(*)
            FROM {Schema}.jedi_tasks j {Where(query, viewer, parameters)}
            GROUP BY GROUPING SETS ({string.Join(", ", columns.Select(c => $"({c})"))})
            """
        );
    }

    public NpgsqlCommand TaskCommand(long jediTaskId, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        return parameters.ToCommand(
            $"""
            WITH {blind.BlindTasksCte(patterns)}
            SELECT {TaskColumns(viewer)}, p.files, p.finished, p.failed, {BlindOnly("p.events", "j", viewer)}
            FROM {Schema}.jedi_tasks j LEFT JOIN LATERAL ({ProgressSql("j")}) p ON true
            WHERE j.jeditaskid = {parameters.Add(jediTaskId)}
            {(viewer.ExcludesBlindJobs ? "AND j.jeditaskid NOT IN (SELECT jeditaskid FROM blind_tasks)" : "")}
            """
        );
    }

    /// <summary>
    /// BigPanDA's task JSON: each task's whole jedi_tasks row (taskname and errordialog NULLed for a blind task when
    /// the
    /// viewer has no blind access), whether it is blind, and dsinfo's sums over the primary inputs and OUTPUT0.
    /// </summary>
    public NpgsqlCommand JsonCommand(TaskQuery query, ViewerAccess viewer, int limit)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var order =
            $"{SortColumn(query.Sort)} {(query.Descending ? "DESC NULLS LAST" : "ASC NULLS FIRST")}, "
            + $"j.jeditaskid {(query.Descending ? "DESC" : "ASC")}";
        return parameters.ToCommand(
            $"""
            WITH {blind.BlindTasksCte(patterns)},
            page AS (SELECT j.* FROM {Schema}.jedi_tasks j {Where(
                query,
                viewer,
                parameters
            )} ORDER BY {order} LIMIT {parameters.Add((long)limit)})
            SELECT {Redacted("to_jsonb(j)", "j", viewer, "taskname", "errordialog")}::text, {IsBlind("j")},
                   p.files, p.finished, p.failed, p.missing, p.events, p.eventsused, o.events
            FROM page j
            LEFT JOIN LATERAL (
                SELECT coalesce(sum(d.nfiles), 0)::bigint AS files, coalesce(sum(d.nfilesfinished), 0)::bigint AS
                    finished,
                       coalesce(sum(d.nfilesfailed), 0)::bigint AS failed, coalesce(sum(d.nfilesmissing), 0)::bigint AS
                           missing,
                       coalesce(sum(d.nevents), 0)::bigint AS events, coalesce(sum(d.neventsused), 0)::bigint AS
                           eventsused
                FROM {Schema}.jedi_datasets d
                WHERE d.jeditaskid = j.jeditaskid AND d.type IN ('input', 'pseudo_input') AND d.masterid IS NULL
                  AND d.status IS DISTINCT FROM 'removed') p ON true
            LEFT JOIN LATERAL (
                SELECT coalesce(sum(d.nevents), 0)::bigint AS events FROM {Schema}.jedi_datasets d
                WHERE d.jeditaskid = j.jeditaskid AND d.type = 'output' AND d.streamname = 'OUTPUT0') o ON true
            ORDER BY {order}
            """
        );
    }

    /// <summary>
    /// jedi_datasets columns a viewer without blind access may see of a blind task's datasets: identifiers, types,
    /// states, times, places and file counters. Every other column (names, event counts, attributes, and any column a
    /// later PanDA adds) is NULL for that viewer: an allow-list, so nothing new leaks by default.
    /// </summary>
    public static readonly IReadOnlyList<string> OpenDatasetColumns =
    [
        "jeditaskid",
        "datasetid",
        "type",
        "creationtime",
        "modificationtime",
        "vo",
        "cloud",
        "site",
        "masterid",
        "provenanceid",
        "status",
        "state",
        "statechecktime",
        "statecheckexpiration",
        "frozentime",
        "nfiles",
        "nfilestobeused",
        "nfilesused",
        "nfilesonhold",
        "lockedby",
        "lockedtime",
        "nfilesfinished",
        "nfilesfailed",
        "streamname",
        "storagetoken",
        "destination",
        "templateid",
        "nfileswaiting",
        "nfilesmissing",
    ];

    /// <summary>
    /// The input, pseudo-input and output datasets of these tasks, whole rows; for a viewer without blind access, a
    /// blind task's rows keep only <see cref="OpenDatasetColumns"/> (every key stays, withheld ones NULL).
    /// </summary>
    public NpgsqlCommand DatasetsJsonCommand(long[] jediTaskIds, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var row = "to_jsonb(d)";
        if (!viewer.CanSeeBlindData)
        {
            var open = parameters.Add(OpenDatasetColumns.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            row =
                $"CASE WHEN {IsBlind("d")} THEN (SELECT jsonb_object_agg(e.key, CASE WHEN e.key = ANY({open}) "
                + $"THEN e.value ELSE 'null'::jsonb END) FROM jsonb_each(to_jsonb(d)) e) ELSE to_jsonb(d) END";
        }

        return parameters.ToCommand(
            $"""
            WITH {blind.BlindTasksCte(patterns)}
            SELECT d.jeditaskid, ({row})::text
            FROM {Schema}.jedi_datasets d
            WHERE d.jeditaskid = ANY({parameters.Add(jediTaskIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint)})
              AND d.type IN ('input', 'pseudo_input', 'output')
            ORDER BY d.jeditaskid, d.datasetid
            """
        );
    }

    private static string IsBlind(string alias) => $"{alias}.jeditaskid IN (SELECT jeditaskid FROM blind_tasks)";

    private static string Redacted(string json, string alias, ViewerAccess viewer, params string[] keys) =>
        viewer.CanSeeBlindData
            ? json
            : $"CASE WHEN {IsBlind(alias)} THEN {json} || "
                + $"jsonb_build_object({string.Join(", ", keys.Select(k => $"'{k}', NULL"))}) ELSE {json} END";

    /// <summary>
    /// A blind task's dataset names are all withheld from viewers without blind access, not only the blind ones.
    /// </summary>
    public NpgsqlCommand DatasetsCommand(long jediTaskId, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var name = viewer.CanSeeBlindData
            ? "d.datasetname"
            : "CASE WHEN d.jeditaskid IN (SELECT jeditaskid FROM blind_tasks) THEN NULL ELSE d.datasetname END";
        return parameters.ToCommand(
            $"""
            WITH {blind.BlindTasksCte(patterns)}
            SELECT d.datasetid, {name}, d.type, d.status, coalesce(d.nfiles, 0), coalesce(d.nfilesfinished, 0),
                coalesce(d.nfilesfailed, 0),
                   {BlindOnly("coalesce(d.nevents, 0)", "d", viewer)}, d.streamname
            FROM {Schema}.jedi_datasets d
            WHERE d.jeditaskid = {parameters.Add(jediTaskId)}
            ORDER BY CASE WHEN d.type IN ('input', 'pseudo_input') THEN 0 WHEN d.type = 'output' THEN 1 ELSE 2 END,
                d.datasetid
            """
        );
    }

    /// <summary>
    /// A blind task's event counts are blind-only, like its names: NULL for a viewer without blind access.
    /// </summary>
    private static string BlindOnly(string expression, string alias, ViewerAccess viewer) =>
        viewer.CanSeeBlindData
            ? expression
            : $"CASE WHEN {alias}.jeditaskid IN (SELECT jeditaskid FROM blind_tasks) THEN NULL ELSE {expression} END";

    private string TaskColumns(ViewerAccess viewer)
    {
        const string isBlind = "j.jeditaskid IN (SELECT jeditaskid FROM blind_tasks)";
        var name = viewer.CanSeeBlindData ? "j.taskname" : $"CASE WHEN {isBlind} THEN NULL ELSE j.taskname END";
        return $"j.jeditaskid, {name}, j.status, j.username, j.tasktype, j.processingtype, j.workinggroup, "
            + $"j.campaign, j.creationdate, "
            + $"j.realmodificationtime, j.taskpriority, j.corecount, j.attemptnr, j.parent_tid, {isBlind}";
    }

    /// <summary>BigPanDA's calculate_dataset_stats: primary inputs only, removed datasets left out.</summary>
    private string ProgressSql(string alias) =>
        $"""
            SELECT coalesce(sum(d.nfiles), 0)::bigint AS files, coalesce(sum(d.nfilesfinished), 0)::bigint AS finished,
                   coalesce(sum(d.nfilesfailed), 0)::bigint AS failed, coalesce(sum(d.nevents), 0)::bigint AS events
            FROM {Schema}.jedi_datasets d
            WHERE d.jeditaskid = {alias}.jeditaskid AND d.type IN ('input', 'pseudo_input') AND d.masterid IS NULL
              AND d.status IS DISTINCT FROM 'removed'
            """;

    private static string Where(TaskQuery query, ViewerAccess viewer, SqlParameterBag parameters)
    {
        var where = query
            .Filters.Select(f =>
            {
                var predicate = JobFilterSql.Predicate(f, parameters);
                return f.Field.BlindOnly && !viewer.CanSeeBlindData
                    ? $"({predicate} AND j.jeditaskid NOT IN (SELECT jeditaskid FROM blind_tasks))"
                    : predicate;
            })
            .ToList();
        if (viewer.ExcludesBlindJobs)
        {
            where.Add("j.jeditaskid NOT IN (SELECT jeditaskid FROM blind_tasks)");
        }

        if (query.FromUtc is { } from)
        {
            where.Add($"j.realmodificationtime >= {parameters.AddTimestamp(from)}");
        }

        if (query.ToUtc is { } to)
        {
            where.Add($"j.realmodificationtime < {parameters.AddTimestamp(to)}");
        }

        return where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
    }

    private static string SortColumn(TaskSortKey key) =>
        key switch
        {
            TaskSortKey.JediTaskId => "j.jeditaskid",
            TaskSortKey.Time => "j.realmodificationtime",
            TaskSortKey.Create => "j.creationdate",
            TaskSortKey.Priority => "j.taskpriority",
            TaskSortKey.Status => "j.status",
            _ => throw new NotSupportedException(key.ToString()),
        };
}
