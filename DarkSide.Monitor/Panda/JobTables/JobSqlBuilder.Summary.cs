using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Panda.JobTables;

public sealed partial class JobSqlBuilder
{
    /// <summary>
    /// Components as PanDA's error_descriptions names them (BigPanDA keys descriptions by component:code).
    /// </summary>
    private static readonly Dictionary<string, string> DescriptionComponents = new()
    {
        ["pilot"] = "pilot",
        ["exe"] = "executor",
        ["sup"] = "supervisor",
        ["ddm"] = "dataservice",
        ["brokerage"] = "brokerage",
        ["jobdispatcher"] = "jobdispatcher",
        ["taskbuffer"] = "taskbuffer",
    };

    public static string DescriptionComponent(string component) => DescriptionComponents[component];

    /// <summary>
    /// Counts per value of every <see cref="JobSummaryFields"/> attribute over the whole selection, in one pass
    /// (GROUPING SETS). Each row carries GROUPING()'s bit mask, which tells which attribute it counts.
    /// </summary>
    /// <param name="rolledUp">Leave out jobsarchived4's jobs of the hours the rollups hold.</param>
    public NpgsqlCommand SummaryCommand(JobQuery query, ViewerAccess viewer, RolledUpJobSummary? rolledUp = null)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var columns = JobSummaryFields.All.Select(f => "jobs." + f.Column).ToList();
        var union = Union(
            query,
            viewer,
            parameters,
            patterns,
            string.Join(", ", JobSummaryFields.All.Select(f => "j." + f.Column)),
            branchOrder: null,
            rolledUp
        );
        var sql = $"""
            WITH {blind.BlindTasksCte(patterns)}
            SELECT GROUPING({string.Join(", ", columns)}) AS grouping_mask, {string.Join(
                ", ",
                columns.Select(c => c + "::text")
            )}, count(*) AS jobs
            FROM ({union}) jobs
            GROUP BY GROUPING SETS ({string.Join(", ", columns.Select(c => $"({c})"))})
            """;
        return parameters.ToCommand(sql);
    }

    /// <summary>
    /// Failed and holding jobs of the selection per error component:code, with an example PandaID and a sample
    /// diagnostic (the first in byte order, so the rollups pick the same). For a viewer without blind access the
    /// sample comes from jobs that are not blind, or is absent.
    /// </summary>
    /// <param name="rolledUp">The rollups' counts for some of jobsarchived4's hours, added to the rest read
    /// here.</param>
    public NpgsqlCommand ErrorSummaryCommand(JobQuery query, ViewerAccess viewer, RolledUpJobSummary? rolledUp = null)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var select = string.Join(
            ", ",
            new[] { "pandaid", "jeditaskid", "jobstatus", "proddblock", "dispatchdblock", "destinationdblock" }
                .Concat(ErrorFields.All.SelectMany(e => new[] { e.CodeColumn, e.DiagColumn }))
                .Select(c => "j." + c)
        );
        var union = Union(query, viewer, parameters, patterns, select, branchOrder: null, rolledUp);
        var components = string.Join(
            ", ",
            ErrorFields.All.Select(e =>
                $"('{e.Component}', '{DescriptionComponents[e.Component]}', '{e.CodeColumn}', "
                + $"jobs.{e.CodeColumn}, jobs.{e.DiagColumn}::text COLLATE \"C\")"
            )
        );
        var sample = viewer.CanSeeBlindData
            ? "min(e.diag)"
            : $"min(e.diag) FILTER (WHERE NOT {BlindDataPolicy.JobIsBlindSql("jobs", patterns)})";
        var read = $"""
            SELECT e.component, e.described_as, e.code_column, e.code, count(*) AS jobs, {sample} AS sample,
                min(jobs.pandaid) AS example
            FROM ({union}) jobs
            CROSS JOIN LATERAL (VALUES {components}) e(component, described_as, code_column, code, diag)
            WHERE jobs.jobstatus IN ('failed', 'holding') AND e.code <> 0
            GROUP BY e.component, e.described_as, e.code_column, e.code
            """;
        var errors = rolledUp is { Errors.Count: > 0 } ? WithRolledUpErrors(read, rolledUp, parameters) : read;
        var sql = $"""
            WITH {blind.BlindTasksCte(patterns)},
            errors AS ({errors})
            SELECT errors.component, errors.code_column, errors.code, errors.jobs, errors.sample, errors.example,
                   {DescriptionColumns("errors.described_as", "errors.code")}
            FROM errors
            ORDER BY errors.jobs DESC, errors.component, errors.code
            """;
        return parameters.ToCommand(sql);
    }

    /// <summary>The errors read from PanDA and those of the rollups, combined per component:code.</summary>
    private static string WithRolledUpErrors(string read, RolledUpJobSummary rolledUp, SqlParameterBag parameters)
    {
        var errors = rolledUp.Errors;
        var component = parameters.Add(
            errors.Select(e => e.Component).ToArray(),
            NpgsqlDbType.Array | NpgsqlDbType.Text
        );
        var code = parameters.Add(errors.Select(e => e.Code).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        var jobs = parameters.Add(errors.Select(e => e.Jobs).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        var example = parameters.Add(
            errors.Select(e => e.ExamplePandaId).ToArray(),
            NpgsqlDbType.Array | NpgsqlDbType.Bigint
        );
        var sample = parameters.Add(
            errors.Select(e => (object?)e.Sample ?? DBNull.Value).ToArray(),
            NpgsqlDbType.Array | NpgsqlDbType.Text
        );
        var names = string.Join(
            ", ",
            ErrorFields.All.Select(e => $"('{e.Component}', '{DescriptionComponents[e.Component]}', '{e.CodeColumn}')")
        );
        return $"""
            SELECT parts.component, parts.described_as, parts.code_column, parts.code, sum(parts.jobs)::bigint AS jobs,
                min(parts.sample) AS sample, min(parts.example) AS example
            FROM ({read}
                  UNION ALL
                  SELECT r.component, c.described_as, c.code_column, r.code, r.jobs, r.sample COLLATE "C", r.example
                  FROM unnest({component}, {code}, {jobs}, {sample}, {example})
                      r(component, code, jobs, sample, example)
                  JOIN (VALUES {names}) c(component, described_as, code_column) ON c.component = r.component) parts
            GROUP BY parts.component, parts.described_as, parts.code_column, parts.code
            """;
    }

    /// <summary>
    /// error_descriptions' description and category of a component:code, or NULLs when PanDA has no such table.
    /// </summary>
    private string DescriptionColumns(string component, string code) =>
        !tables.Has(PandaTable.ErrorDescriptions)
            ? "NULL::text AS description, NULL::smallint AS category"
            : $"""
                (SELECT d.description FROM {panda.Value.Schema}.error_descriptions d
                 WHERE d.component = {component} AND d.code = {code} ORDER BY d.id LIMIT 1) AS description,
                (SELECT d.category FROM {panda.Value.Schema}.error_descriptions d
                 WHERE d.component = {component} AND d.code = {code} ORDER BY d.id LIMIT 1) AS category
                """;
}
