using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Panda.JobTables;

public sealed partial class JobSqlBuilder
{
    /// <summary>
    /// The failed jobs of the selection per site and error component:code (a job counts once per code it has).
    /// </summary>
    public NpgsqlCommand SiteErrorsCommand(JobQuery query, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var select = string.Join(
            ", ",
            new[] { "computingsite", "jobstatus" }
                .Concat(ErrorFields.All.Select(e => e.CodeColumn))
                .Select(c => "j." + c)
        );
        var union = Union(query, viewer, parameters, patterns, select, branchOrder: null);
        var components = string.Join(
            ", ",
            ErrorFields.All.Select(e => $"('{e.Component}', '{e.CodeColumn}', jobs.{e.CodeColumn})")
        );
        return parameters.ToCommand(
            $"""
            WITH {Blind.BlindTasksCte(patterns)}
            SELECT jobs.computingsite::text, e.component, e.code_column, e.code, count(*)
            FROM ({union}) jobs
            CROSS JOIN LATERAL (VALUES {components}) e(component, code_column, code)
            WHERE jobs.jobstatus = 'failed' AND e.code <> 0
            GROUP BY 1, 2, 3, 4
            """
        );
    }
}
