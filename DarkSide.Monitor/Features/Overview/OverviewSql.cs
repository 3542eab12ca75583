using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>The overview's own statements, over the job tables' union that the PanDA core builds.</summary>
public static class OverviewSql
{
    /// <summary>
    /// Jobs per site and state over the selection (the overview uses hours=24, as its links to the job list do).
    /// </summary>
    public static NpgsqlCommand SiteStatesCommand(this JobSqlBuilder jobs, JobQuery query, ViewerAccess viewer)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var union = jobs.Union(query, viewer, parameters, patterns, "j.computingsite, j.jobstatus", branchOrder: null);
        return parameters.ToCommand(
            $"""
            WITH {jobs.Blind.BlindTasksCte(patterns)}
            SELECT jobs.computingsite::text, jobs.jobstatus::text, count(*) FROM ({union}) jobs GROUP BY 1, 2
            """
        );
    }

    /// <summary>
    /// Jobs in a working state whose state has not changed since <paramref name="beforeUtc"/>, oldest first, with their
    /// number; read through jobsactive4's statechangetime index. No blind-only column is read.
    /// </summary>
    public static NpgsqlCommand StalledJobsCommand(
        this JobSqlBuilder jobs,
        DateTime beforeUtc,
        int limit,
        ViewerAccess viewer
    )
    {
        var parameters = new SqlParameterBag();
        var before = parameters.AddTimestamp(beforeUtc);
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var hidden = viewer.ExcludesBlindJobs ? $"AND NOT {BlindDataPolicy.JobIsBlindSql("j", patterns)}" : "";
        return parameters.ToCommand(
            $"""
            WITH {jobs.Blind.BlindTasksCte(patterns)}
            SELECT j.pandaid, j.jobstatus, j.computingsite, j.produsername, j.jeditaskid, j.statechangetime, count(*)
                OVER () AS total
            FROM {jobs.Schema}.jobsactive4 j
            WHERE j.statechangetime < {before} AND j.jobstatus IN ('sent', 'starting', 'running', 'holding',
                'transferring', 'merging') {hidden}
            ORDER BY j.statechangetime
            LIMIT {parameters.Add((long)limit)}
            """
        );
    }
}
