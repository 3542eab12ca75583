using System.Data.Common;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.Tasks;

/// <summary>Reads tasks from jedi_tasks and jedi_datasets, and a task's jobs through the job repository.</summary>
public sealed class TaskRepository(PandaDatabase panda, TaskSqlBuilder sql, JobRepository jobs, PandaSchema tables)
    : ITaskReader
{
    /// <summary>How many of a task's latest jobs its page lists (the rest are one link away).</summary>
    public const int LatestJobs = 20;

    public async Task<TaskListPage> GetTasksAsync(
        TaskQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var rows = panda.ReadAllAsync(sql.PageCommand(query, viewer), ReadTask, cancellationToken);
        var count = panda.ReadAllAsync(sql.CountCommand(query, viewer), r => r.GetInt64(0), cancellationToken);
        var summary = ReadSummaryAsync(query, viewer, cancellationToken);
        await Task.WhenAll(rows, count, summary);
        return new TaskListPage(await rows, (await count).Single(), await summary, query.AsOfUtc);
    }

    public async Task<TaskDetail?> GetTaskAsync(
        long jediTaskId,
        bool dropRetried,
        ViewerAccess viewer,
        DateTime nowUtc,
        CancellationToken cancellationToken
    )
    {
        var task = (
            await panda.ReadAllAsync(sql.TaskCommand(jediTaskId, viewer), ReadTask, cancellationToken)
        ).SingleOrDefault();
        if (task is null)
        {
            return null;
        }

        var jobQuery = JobQuery.ForTask(jediTaskId, dropRetried, LatestJobs, nowUtc);
        var datasets = panda.ReadAllAsync(sql.DatasetsCommand(jediTaskId, viewer), ReadDataset, cancellationToken);
        var summary = jobs.GetSummaryAsync(jobQuery, viewer, cancellationToken);
        var latest = jobs.GetJobsAsync(jobQuery, viewer, cancellationToken);
        var retries = ReadRetriesAsync(jediTaskId, viewer, cancellationToken);
        await Task.WhenAll(datasets, summary, latest, retries);
        return new TaskDetail(task, await datasets, await summary, await latest, dropRetried, nowUtc)
        {
            Retries = await retries,
        };
    }

    /// <summary>The task's retries; the history is optional in PanDA (kept three months where it exists).</summary>
    private async Task<TaskRetries> ReadRetriesAsync(
        long jediTaskId,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        if (!tables.Has(PandaTable.RetryHistory))
        {
            return TaskRetries.Missing;
        }

        var rows = await panda.ReadAllAsync(
            TaskRetrySql.Command(sql.Schema, jediTaskId, viewer.ExcludesBlindJobs ? sql.Blind : null),
            TaskRetrySql.Read,
            cancellationToken
        );
        return rows.Count == 0 ? TaskRetries.None : new TaskRetries(rows[0].Total, rows.Select(r => r.Retry).ToList());
    }

    private async Task<IReadOnlyList<JobAttributeCounts>> ReadSummaryAsync(
        TaskQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var fields = TaskFields.Summary;
        var rows = await panda.ReadAllAsync(
            sql.SummaryCommand(query, viewer),
            r =>
            {
                var mask = r.GetInt32(0);
                var field = Enumerable.Range(0, fields.Count).Single(i => (mask & (1 << (fields.Count - 1 - i))) == 0);
                return (
                    Field: field,
                    Value: r.IsDBNull(field + 1) ? null : r.GetString(field + 1),
                    Count: r.GetInt64(fields.Count + 1)
                );
            },
            cancellationToken
        );
        return fields
            .Select(
                (f, i) =>
                    new JobAttributeCounts(
                        f.Parameter,
                        f.Label,
                        rows.Where(r => r.Field == i)
                            .Select(r => new JobAttributeValue(r.Value, r.Count))
                            .OrderByDescending(v => v.Count)
                            .ThenBy(v => v.Value, StringComparer.Ordinal)
                            .ToList()
                    )
            )
            .ToList();
    }

    private static TaskRow ReadTask(DbDataReader r)
    {
        var blind = r.GetBoolean(14);
        return new TaskRow
        {
            JediTaskId = r.GetInt64(0),
            TaskName = r.IsDBNull(1) ? null : r.GetString(1),
            Status = r.GetString(2),
            UserName = Text(r, 3),
            TaskType = Text(r, 4),
            ProcessingType = Text(r, 5),
            WorkingGroup = Text(r, 6),
            Campaign = Text(r, 7),
            CreationDate = r.GetDateTime(8),
            ModifiedUtc = r.IsDBNull(9) ? null : r.GetDateTime(9),
            Priority = r.IsDBNull(10) ? null : r.GetInt32(10),
            CoreCount = r.IsDBNull(11) ? null : r.GetInt32(11),
            AttemptNr = r.IsDBNull(12)
                ? null
                : Convert.ToInt32(r.GetValue(12), System.Globalization.CultureInfo.InvariantCulture),
            ParentTid = r.IsDBNull(13) ? null : r.GetInt64(13),
            IsBlind = blind,
            IsRedacted = blind && r.IsDBNull(1),
            Progress = new TaskProgress(
                r.GetInt64(15),
                r.GetInt64(16),
                r.GetInt64(17),
                r.IsDBNull(18) ? null : r.GetInt64(18)
            ),
        };
    }

    private static TaskDataset ReadDataset(DbDataReader r) =>
        new(
            r.GetInt64(0),
            Text(r, 1),
            r.GetString(2),
            Text(r, 3),
            Number(r, 4),
            Number(r, 5),
            Number(r, 6),
            r.IsDBNull(7) ? null : Number(r, 7),
            Text(r, 8)
        );

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long Number(DbDataReader r, int i) =>
        Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
}
