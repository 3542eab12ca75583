using System.Data.Common;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;
using Npgsql;

namespace DarkSide.Monitor.Panda.Tasks;

/// <summary>One retry of a task: the attempt that failed (or was closed) and the job that replaced it.</summary>
/// <param name="Old">The attempt retried; null fields when PanDA no longer has the job row.</param>
/// <param name="New">The job that replaced it.</param>
public sealed record TaskRetry(DateTime AtUtc, string? Relation, RetriedJob Old, RetriedJob New);

/// <summary>A job of a retry link as the job tables have it now (all null once PanDA has dropped the row).</summary>
public sealed record RetriedJob(long PandaId, string? Status, int? AttemptNr, string? ComputingSite)
{
    /// <summary>Its non-zero error codes as component:code, in ErrorFields' order.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}

/// <summary>
/// A task's retries from jedi_job_retry_history, newest first: how many in all, the latest few, or that PanDA has
/// no retry history table here.
/// </summary>
public sealed record TaskRetries(long Total, IReadOnlyList<TaskRetry> Latest, bool HistoryMissing = false)
{
    public static readonly TaskRetries None = new(0, []);

    public static readonly TaskRetries Missing = new(0, [], HistoryMissing: true);
}

/// <summary>The SQL of <see cref="TaskRetries"/>: the history's primary key by task, each job by its PandaID.</summary>
public static class TaskRetrySql
{
    public const int Latest = 25;

    private static readonly string[] JobTables = ["jobsdefined4", "jobsactive4", "jobsarchived4"];

    /// <param name="hideBlind">Set for a viewer without blind access under Iam:BlindJobs=Hide: a retry whose old or
    /// new job is blind is left out, and not counted, as the task's job list leaves those jobs out.</param>
    public static NpgsqlCommand Command(string schema, long jediTaskId, BlindDataPolicy? hideBlind = null)
    {
        var codes = string.Join(", ", ErrorFields.All.Select(e => "j." + e.CodeColumn));
        var blind = hideBlind is null ? "" : $", {BlindDataPolicy.JobIsBlindSql("j", "@patterns")} AS blind";
        string Job(string key, string columns) =>
            "(SELECT * FROM ("
            + string.Join(
                " UNION ALL ",
                JobTables.Select(t => $"SELECT {columns}{blind} FROM {schema}.{t} j WHERE j.pandaid = h.{key}")
            )
            + ") x LIMIT 1)";
        var joins = $"""
            LEFT JOIN LATERAL {Job(
                "oldpandaid",
                $"j.jobstatus, j.attemptnr::int AS attemptnr, j.computingsite, ARRAY[{codes}]::int[] AS codes"
            )} o ON true
            LEFT JOIN LATERAL {Job(
                "newpandaid",
                "j.jobstatus, j.attemptnr::int AS attemptnr, j.computingsite"
            )} n ON true
            """;
        const string columns = """
            h.ins_utc_tstamp, h.relationtype, h.oldpandaid, o.jobstatus, o.attemptnr, o.computingsite,
                o.codes, h.newpandaid, n.jobstatus, n.attemptnr, n.computingsite
            """;
        if (hideBlind is not null)
        {
            // Every retry of the task must be checked before the newest are taken, so the count stays honest.
            return SqlParameterBag.Command(
                $"""
                WITH {hideBlind.BlindTasksCte("@patterns")},
                r AS (
                    SELECT {columns}
                    FROM {schema}.jedi_job_retry_history h
                    {joins}
                    WHERE h.jeditaskid = @task AND NOT coalesce(o.blind, false) AND NOT coalesce(n.blind, false))
                SELECT r.*, count(*) OVER () FROM r
                ORDER BY 1 DESC, 3 DESC LIMIT {Latest}
                """,
                ("task", jediTaskId),
                ("patterns", hideBlind.DatasetNamePatterns)
            );
        }

        return SqlParameterBag.Command(
            $"""
            WITH h AS (
                SELECT * FROM {schema}.jedi_job_retry_history WHERE jeditaskid = @task
                ORDER BY ins_utc_tstamp DESC, oldpandaid DESC LIMIT {Latest})
            SELECT {columns},
                (SELECT count(*) FROM {schema}.jedi_job_retry_history WHERE jeditaskid = @task)
            FROM h
            {joins}
            ORDER BY h.ins_utc_tstamp DESC, h.oldpandaid DESC
            """,
            ("task", jediTaskId)
        );
    }

    public static (TaskRetry Retry, long Total) Read(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        int? Whole(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
        var codes = r.IsDBNull(6) ? [] : r.GetFieldValue<int?[]>(6);
        var errors = ErrorFields
            .All.Zip(codes)
            .Where(e => e.Second is { } code && code != 0)
            .Select(e => $"{e.First.Component}:{e.Second}")
            .ToList();
        var old = new RetriedJob(r.GetInt64(2), Text(3), Whole(4), Text(5)) { Errors = errors };
        var replacement = new RetriedJob(r.GetInt64(7), Text(8), Whole(9), Text(10));
        var at = DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc);
        return (new TaskRetry(at, Text(1), old, replacement), r.GetInt64(11));
    }
}
