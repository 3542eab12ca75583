using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>The overview's own statements, over the job tables' union that the PanDA core builds.</summary>
public static class OverviewSql
{
    /// <summary>
    /// Jobs per site and state over the selection, and the final ones also per time bin: width_bucket splits
    /// [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) into <paramref name="bins"/> equal bins (1 … bins) of
    /// modificationtime, the sparkline's; other states get a NULL bin.
    /// </summary>
    public static NpgsqlCommand SiteStatesCommand(
        this JobSqlBuilder jobs,
        JobQuery query,
        ViewerAccess viewer,
        DateTime fromUtc,
        DateTime toUtc,
        int bins
    )
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var union = jobs.Union(
            query,
            viewer,
            parameters,
            patterns,
            "j.computingsite, j.jobstatus, j.modificationtime",
            branchOrder: null
        );
        var (from, to) = (parameters.AddTimestamp(fromUtc), parameters.AddTimestamp(toUtc));
        return parameters.ToCommand(
            $"""
            WITH {jobs.Blind.BlindTasksCte(patterns)}
            SELECT jobs.computingsite::text, jobs.jobstatus::text,
                   CASE WHEN jobs.jobstatus IN ('finished', 'failed')
                        THEN width_bucket(extract(epoch FROM jobs.modificationtime), extract(epoch FROM {from}),
                                          extract(epoch FROM {to}), {parameters.Add(bins)}) END AS bin,
                   count(*)
            FROM ({union}) jobs GROUP BY 1, 2, 3
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
        var working = parameters.Add(PandaJobStatus.Working.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var hidden = viewer.ExcludesBlindJobs ? $"AND NOT {BlindDataPolicy.JobIsBlindSql("j", patterns)}" : "";
        return parameters.ToCommand(
            $"""
            WITH {jobs.Blind.BlindTasksCte(patterns)}
            SELECT j.pandaid, j.jobstatus, j.computingsite, j.produsername, j.jeditaskid, j.statechangetime, count(*)
                OVER () AS total
            FROM {jobs.Schema}.jobsactive4 j
            WHERE j.statechangetime < {before} AND j.jobstatus = ANY({working}) {hidden}
            ORDER BY j.statechangetime
            LIMIT {parameters.Add((long)limit)}
            """
        );
    }
}
