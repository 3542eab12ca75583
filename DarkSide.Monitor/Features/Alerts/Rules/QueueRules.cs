using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>
/// A queue with at least MinActivated jobs that waited the whole window and none started in it, unless
/// schedconfig_json says the queue is not online (then it is not meant to start jobs).
/// </summary>
public sealed class QueueNotStartingRule(AlertOptions options, PandaDatabase panda, AlertSql sql)
    : AlertRule<QueueNotStartingRuleOptions>(options.Rules.QueueNotStarting)
{
    public override string Name => "QueueNotStarting";

    public override string Condition =>
        $"at least {Settings.MinActivated} jobs activated at an online queue for {Settings.Window} and none started";

    public override async Task<IReadOnlyList<AlertSample>> EvaluateAsync(
        AlertContext context,
        CancellationToken cancellationToken
    )
    {
        var since = context.NowUtc - AlertDuration.Parse(Settings.Window);
        var queues = await panda.ReadAllAsync(
            sql.QueuesNotStartingCommand(Settings.MinActivated, since),
            r => (Site: r.GetString(0), Activated: r.GetInt64(1), Status: r.IsDBNull(2) ? null : r.GetString(2)),
            cancellationToken
        );
        return queues
            .Where(q => q.Status is null or "online")
            .OrderBy(q => q.Site, StringComparer.Ordinal)
            .Select(q =>
                Sample(
                    [(AlertLabels.ComputingSite, q.Site)],
                    $"{q.Site}: {Count(q.Activated)} jobs activated, none started in {Settings.Window}",
                    $"{Count(q.Activated)} jobs have waited at {q.Site} since before {Minutes(since)} UTC and no "
                        + "job started there since: is the queue getting pilots?",
                    JobsLink(context, new JobLink { ComputingSite = q.Site, JobStatus = "activated" }),
                    q.Activated
                )
            )
            .ToList();
    }
}

/// <summary>
/// Every queue schedconfig_json lists as not online (brokeroff, offline, test, paused): an info alert that notifies
/// nobody and, through Alertmanager's inhibition, mutes the queue's other alerts. Without the table: nothing.
/// </summary>
public sealed class QueueNotOnlineRule(AlertOptions options, PandaDatabase panda, AlertSql sql)
    : AlertRule<QueueNotOnlineRuleOptions>(options.Rules.QueueNotOnline)
{
    public override string Name => "QueueNotOnline";

    public override string Condition => "schedconfig_json gives a queue a status other than online";

    public override async Task<IReadOnlyList<AlertSample>> EvaluateAsync(
        AlertContext context,
        CancellationToken cancellationToken
    )
    {
        if (sql.QueuesNotOnlineCommand() is not { } command)
        {
            return [];
        }

        var queues = await panda.ReadAllAsync(
            command,
            r =>
                (
                    Site: r.GetString(0),
                    Status: r.IsDBNull(1) ? "unset" : r.GetString(1),
                    Comment: r.IsDBNull(2) ? null : r.GetString(2)
                ),
            cancellationToken
        );
        return queues
            .OrderBy(q => q.Site, StringComparer.Ordinal)
            .Select(q =>
                Sample(
                    [(AlertLabels.ComputingSite, q.Site), (AlertLabels.Reason, q.Status)],
                    $"{q.Site} is {q.Status}",
                    q.Comment is { Length: > 0 } comment
                        ? $"schedconfig_json gives {q.Site} the status {q.Status}: {comment}"
                        : $"schedconfig_json gives {q.Site} the status {q.Status}.",
                    context.Link(MonitorUrls.Site(q.Site, [])),
                    0
                )
            )
            .ToList();
    }
}
