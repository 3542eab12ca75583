using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Panda.Errors;

/// <summary>The error summary's statements (by site, user and task; over time), on the job tables' union.</summary>
public static class ErrorSummarySql
{
    /// <summary>The columns the error view groups by, in GROUPING() bit order (first is the highest bit).</summary>
    public static readonly IReadOnlyList<string> ErrorGroupColumns = ["computingsite", "produsername", "jeditaskid"];

    /// <summary>
    /// Per site, user and task in one pass (GROUPING SETS): failed, finished, holding and all jobs, for groups that
    /// have failed or holding jobs. The failure percentage is failed / (finished + failed), as BigPanDA's.
    /// </summary>
    public static NpgsqlCommand ErrorGroupsCommand(this JobSqlBuilder jobs, JobQuery query, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var union = jobs.Union(
            query,
            viewer,
            parameters,
            patterns,
            "j.computingsite, j.produsername, j.jeditaskid, j.jobstatus",
            branchOrder: null
        );
        var columns = ErrorGroupColumns.Select(c => "jobs." + c).ToList();
        var statement = $"""
            WITH {jobs.Blind.BlindTasksCte(patterns)}
            SELECT GROUPING({string.Join(", ", columns)}) AS grouping_mask, {string.Join(
                ", ",
                columns.Select(c => c + "::text")
            )},
                   count(*) FILTER (WHERE jobs.jobstatus = 'failed') AS failed,
                   count(*) FILTER (WHERE jobs.jobstatus = 'finished') AS finished,
                   count(*) FILTER (WHERE jobs.jobstatus = 'holding') AS holding,
                   count(*) AS jobs
            FROM ({union}) jobs
            GROUP BY GROUPING SETS ({string.Join(", ", columns.Select(c => $"({c})"))})
            HAVING count(*) FILTER (WHERE jobs.jobstatus IN ('failed', 'holding')) > 0
            """;
        return parameters.ToCommand(statement);
    }

    /// <summary>
    /// Errors of failed and holding jobs per time bin (date_bin on modificationtime) and component:code.
    /// </summary>
    public static NpgsqlCommand ErrorHistogramCommand(
        this JobSqlBuilder jobs,
        JobQuery query,
        ViewerAccess viewer,
        TimeSpan bin,
        DateTime originUtc
    )
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var select = string.Join(
            ", ",
            new[] { "modificationtime", "jobstatus" }
                .Concat(ErrorFields.All.Select(e => e.CodeColumn))
                .Select(c => "j." + c)
        );
        var union = jobs.Union(query, viewer, parameters, patterns, select, branchOrder: null);
        var components = string.Join(", ", ErrorFields.All.Select(e => $"('{e.Component}', jobs.{e.CodeColumn})"));
        var statement = $"""
            WITH {jobs.Blind.BlindTasksCte(patterns)}
            SELECT date_bin({parameters.Add(
                bin,
                NpgsqlDbType.Interval
            )}, jobs.modificationtime, {parameters.AddTimestamp(originUtc)}) AS bin,
                   e.component, e.code, count(*) AS errors
            FROM ({union}) jobs
            CROSS JOIN LATERAL (VALUES {components}) e(component, code)
            WHERE jobs.jobstatus IN ('failed', 'holding') AND e.code <> 0
            GROUP BY 1, 2, 3
            ORDER BY 1
            """;
        return parameters.ToCommand(statement);
    }
}
