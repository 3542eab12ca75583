using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>
/// The rules' statements. They count every job, blind or not (counts may be told to anyone), and select no
/// blind-only column: sites, states, error codes, task IDs and owners only. Each reads PanDA's own indexes: the job
/// tables' window on modificationtime (jobsarchived4's partitions), jobsactive4's (computingsite, jobstatus) and
/// statechangetime indexes, jedi_tasks' modificationtime index.
/// </summary>
public sealed class AlertSql(JobSqlBuilder jobs)
{
    /// <summary>The evaluator counts as a viewer who sees every job; it reads nothing a viewer may not know.</summary>
    public static readonly ViewerAccess Evaluator = new("alert evaluator", CanSeeBlindData: true);

    public string Schema => jobs.Schema;

    public PandaSchema Tables => jobs.Tables;

    /// <summary>The jobs that ended (finished, failed) in [from, to), as the job list's window selects them.</summary>
    public static JobQuery Ended(DateTime fromUtc, DateTime toUtc) =>
        JobQuery.Between(fromUtc, toUtc, 1) with
        {
            Filters =
            [
                new StatusListJobFilter(
                    JobFields.Find(JobFields.JobStatus)!,
                    [PandaJobStatus.Finished, PandaJobStatus.Failed]
                ),
            ],
        };

    /// <summary>Ended jobs per site and state, and per task (group 'task') when asked.</summary>
    public NpgsqlCommand EndedJobsCommand(DateTime fromUtc, DateTime toUtc, string groupColumn)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var union = jobs.Union(
            Ended(fromUtc, toUtc),
            Evaluator,
            parameters,
            patterns,
            $"j.{groupColumn}, j.jobstatus",
            branchOrder: null
        );
        return parameters.ToCommand(
            $"""
            WITH {jobs.Blind.BlindTasksCte(patterns)}
            SELECT jobs.{groupColumn}, jobs.jobstatus::text, count(*) FROM ({union}) jobs GROUP BY 1, 2
            """
        );
    }

    /// <summary>The failed jobs of [from, to) per site and error component:code (a job once per code it has).</summary>
    public NpgsqlCommand SiteErrorsCommand(DateTime fromUtc, DateTime toUtc) =>
        jobs.SiteErrorsCommand(Ended(fromUtc, toUtc), Evaluator);

    /// <summary>Working jobs per site whose state has not changed since <paramref name="beforeUtc"/>.</summary>
    public NpgsqlCommand StalledJobsCommand(DateTime beforeUtc) =>
        SqlParameterBag.Command(
            $"""
            SELECT j.computingsite::text, count(*), min(j.statechangetime)
            FROM {jobs.Schema}.jobsactive4 j
            WHERE j.statechangetime < @before AND j.jobstatus = ANY(@working)
            GROUP BY 1
            """,
            ("before", SqlParameterBag.Timestamp(beforeUtc)),
            ("working", PandaJobStatus.Working.ToArray())
        );

    /// <summary>
    /// Queues with at least <paramref name="minActivated"/> jobs activated before <paramref name="sinceUtc"/> (waiting
    /// the whole time; an unknown time counts as long ago) and no job started since
    /// <paramref name="sinceUtc"/> (still working in jobsactive4, or ended since in jobsarchived4), with the queue's
    /// status from schedconfig_json when PanDA has it.
    /// </summary>
    public NpgsqlCommand QueuesNotStartingCommand(int minActivated, DateTime sinceUtc)
    {
        var status = jobs.Tables.Has(PandaTable.SchedConfig)
            ? $"(SELECT q.data->>'status' FROM {jobs.Schema}.schedconfig_json q WHERE q.panda_queue = w.computingsite)"
            : "NULL::text";
        return SqlParameterBag.Command(
            $"""
            WITH waiting AS (
                SELECT a.computingsite, count(*) AS activated FROM {jobs.Schema}.jobsactive4 a
                WHERE a.jobstatus = 'activated' AND a.computingsite IS NOT NULL
                AND coalesce(a.statechangetime, a.creationtime, a.modificationtime) < @since
                GROUP BY 1 HAVING count(*) >= @min
            )
            SELECT w.computingsite::text, w.activated, {status} FROM waiting w
            WHERE NOT EXISTS (
                SELECT 1 FROM {jobs.Schema}.jobsactive4 s WHERE s.computingsite = w.computingsite
                AND s.jobstatus = ANY(@working) AND s.starttime >= @since)
            AND NOT EXISTS (
                SELECT 1 FROM {jobs.Schema}.jobsarchived4 e WHERE e.computingsite = w.computingsite
                AND e.modificationtime >= @since AND e.modificationtime < @until AND e.starttime >= @since)
            """,
            ("min", (long)minActivated),
            ("since", SqlParameterBag.Timestamp(sinceUtc)),
            // An upper bound (past now: the window is at most 7 days) lets PostgreSQL skip the partitions made ahead.
            ("until", SqlParameterBag.Timestamp(sinceUtc.AddDays(8))),
            ("working", PandaJobStatus.Working.ToArray())
        );
    }

    /// <summary>Queues schedconfig_json lists with a status other than online, with its comment; null without it.
    /// </summary>
    public NpgsqlCommand? QueuesNotOnlineCommand() =>
        jobs.Tables.Has(PandaTable.SchedConfig)
            ? SqlParameterBag.Command(
                $"""
                SELECT q.panda_queue::text, q.data->>'status', q.data->>'comment_'
                FROM {jobs.Schema}.schedconfig_json q
                WHERE coalesce(q.data->>'status', '') <> 'online'
                """
            )
            : null;

    /// <summary>
    /// Tasks whose status is one of <paramref name="statuses"/> and changed since <paramref name="sinceUtc"/>.
    /// </summary>
    public NpgsqlCommand TroubledTasksCommand(IReadOnlyList<string> statuses, DateTime sinceUtc) =>
        SqlParameterBag.Command(
            $"""
            SELECT t.jeditaskid, t.username::text, t.status::text FROM {jobs.Schema}.jedi_tasks t
            WHERE t.modificationtime >= @since AND t.status = ANY(@statuses)
            """,
            ("since", SqlParameterBag.Timestamp(sinceUtc)),
            ("statuses", statuses.ToArray())
        );

    /// <summary>Which of these tasks are blind (Iam:BlindJobs=Hide hides their alerts from viewers without access).
    /// </summary>
    public NpgsqlCommand BlindTasksCommand(long[] jediTaskIds)
    {
        var parameters = new SqlParameterBag();
        var patterns = parameters.Add(jobs.Blind.DatasetNamePatterns, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var ids = parameters.Add(jediTaskIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        return parameters.ToCommand(
            $"WITH {jobs.Blind.BlindTasksCte(patterns)} "
                + $"SELECT jeditaskid FROM blind_tasks WHERE jeditaskid = ANY({ids})"
        );
    }

    /// <summary>The owners of the given tasks.</summary>
    public NpgsqlCommand TaskOwnersCommand(long[] jediTaskIds) =>
        SqlParameterBag.Command(
            $"SELECT t.jeditaskid, t.username::text FROM {jobs.Schema}.jedi_tasks t WHERE t.jeditaskid = ANY(@ids)",
            ("ids", jediTaskIds)
        );
}
