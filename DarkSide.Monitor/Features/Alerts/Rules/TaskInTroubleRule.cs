using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>
/// A task whose status turned to one of Statuses within the window, or whose jobs that ended in the window number at
/// least MinJobs and fail more often than FailurePercent. Labelled by jeditaskid and owner: a blind task's name is
/// blind-only, so no task is ever named.
/// </summary>
public sealed class TaskInTroubleRule(AlertOptions options, PandaDatabase panda, AlertSql sql)
    : AlertRule<TaskInTroubleRuleOptions>(options.Rules.TaskInTrouble)
{
    public const string Failures = "failures";

    public override string Name => "TaskInTrouble";

    public override string Condition =>
        $"a task turned {string.Join("/", Settings.Statuses)} in {Settings.Window}, or at least {Settings.MinJobs} "
        + $"of its jobs ended in {Settings.Window} and more than "
        + $"{Settings.FailurePercent.ToString("0.#", Invariant)} % failed";

    public override async Task<IReadOnlyList<AlertSample>> EvaluateAsync(
        AlertContext context,
        CancellationToken cancellationToken
    )
    {
        var to = context.WindowEndUtc;
        var from = to - AlertDuration.Parse(Settings.Window);
        var troubled = panda.ReadAllAsync(
            sql.TroubledTasksCommand(Settings.Statuses, from),
            r => (Task: r.GetInt64(0), Owner: r.IsDBNull(1) ? null : r.GetString(1), Status: r.GetString(2)),
            cancellationToken
        );
        var ended = panda.ReadAllAsync(
            sql.EndedJobsCommand(from, to, "jeditaskid"),
            r => (Task: r.IsDBNull(0) ? (long?)null : r.GetInt64(0), Status: r.GetString(1), Jobs: r.GetInt64(2)),
            cancellationToken
        );
        await Task.WhenAll(troubled, ended);
        var failing = (await ended)
            .Where(r => r.Task is not null)
            .GroupBy(r => r.Task!.Value)
            .Select(g =>
                (
                    Task: g.Key,
                    Failed: g.Where(r => r.Status == PandaJobStatus.Failed).Sum(r => r.Jobs),
                    Ended: g.Sum(r => r.Jobs)
                )
            )
            .Where(t => t.Ended >= Settings.MinJobs && 100.0 * t.Failed / t.Ended > Settings.FailurePercent)
            .ToList();
        var owners =
            failing.Count == 0
                ? new Dictionary<long, string?>()
                : (
                    await panda.ReadAllAsync(
                        sql.TaskOwnersCommand(failing.Select(t => t.Task).ToArray()),
                        r => (Task: r.GetInt64(0), Owner: r.IsDBNull(1) ? null : r.GetString(1)),
                        cancellationToken
                    )
                ).ToDictionary(t => t.Task, t => t.Owner);

        var samples = (await troubled)
            .Select(t =>
                TaskSample(
                    context,
                    t.Task,
                    t.Owner,
                    t.Status,
                    $"Task {t.Task} is {t.Status}",
                    $"Task {t.Task} of {t.Owner ?? "an unknown owner"} turned {t.Status} after {Minutes(from)} UTC.",
                    0
                )
            )
            .ToList();
        samples.AddRange(
            failing.Select(t =>
            {
                var percent = 100.0 * t.Failed / t.Ended;
                var owner = owners.GetValueOrDefault(t.Task);
                return TaskSample(
                    context,
                    t.Task,
                    owner,
                    Failures,
                    $"Task {t.Task}: {percent.ToString("0", Invariant)} % of {Count(t.Ended)} jobs failed",
                    $"{Count(t.Failed)} of {Count(t.Ended)} jobs of task {t.Task} ({owner ?? "unknown owner"}) that "
                        + $"ended between {Minutes(from)} and {Minutes(to)} UTC failed.",
                    Math.Round(percent, 1)
                );
            })
        );
        return samples.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
    }

    private AlertSample TaskSample(
        AlertContext context,
        long task,
        string? owner,
        string reason,
        string summary,
        string description,
        double value
    ) =>
        Sample(
            [
                (AlertLabels.JediTaskId, task.ToString(Invariant)),
                (AlertLabels.Owner, owner ?? "unknown"),
                (AlertLabels.Reason, reason),
            ],
            summary,
            description,
            context.Link(MonitorUrls.Task(task)),
            value
        );
}
