using DarkSide.Monitor.Features.Alerts.Rules;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// /alerts' data: the state the evaluating instance keeps in the monitor's schema (every replica reads the same),
/// and from Alertmanager its silences and which alerts it mutes. Alertmanager away is said, not an error.
/// </summary>
public sealed class AlertsRepository(
    AlertStore store,
    AlertmanagerClient alertmanager,
    IEnumerable<IAlertRule> rules,
    PandaDatabase panda,
    AlertSql sql,
    TimeProvider time,
    ILogger<AlertsRepository> logger
)
{
    public IReadOnlyList<AlertRuleRow> Rules { get; } =
    [.. rules.Select(r => new AlertRuleRow(r.Name, r.Options.Enabled, r.Condition, r.Options.For, r.Options.Severity))];

    /// <param name="viewer">With Iam:BlindJobs=Hide, a viewer without blind access does not learn that a blind task
    /// exists: its task alerts are left out (all task alerts, when PanDA cannot say which are blind).</param>
    public async Task<AlertsReport> GetAsync(
        AlertsQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow().UtcDateTime;
        var current = store.ReadCurrentAsync(cancellationToken);
        var history = store.ReadHistoryAsync(query.ResolvedSinceUtc(now), cancellationToken);
        var delivery = store.ReadDeliveryAsync(cancellationToken);
        var muted = MutedAsync(cancellationToken);
        await Task.WhenAll(current, history, delivery, muted);
        var (mutes, silences, problem) = await muted;
        var until = query.ResolvedUntilUtc(now);
        var shown = await ShownToAsync(
            viewer,
            [.. await current, .. (await history).Select(e => e.Alert)],
            cancellationToken
        );
        return new AlertsReport(
            now,
            (await current)
                .Where(a => a.State != AlertState.Resolved && query.Selects(a) && shown(a))
                .OrderBy(a => a.State == AlertState.Firing ? 0 : 1)
                .ThenBy(a => a.FiredAtUtc ?? a.ActiveSinceUtc)
                .ThenBy(a => a.Key, StringComparer.Ordinal)
                .Select(a =>
                {
                    var mute = mutes.GetValueOrDefault(a.Key);
                    return new AlertRow(a, mute.SilencedBy ?? [], mute.InhibitedBy ?? []);
                })
                .ToList(),
            (await history)
                .Where(e => e.Event == "resolved" && e.AtUtc < until && query.Selects(e.Alert) && shown(e.Alert))
                .ToList(),
            Rules,
            silences,
            await delivery
        )
        {
            AlertmanagerProblem = problem,
            AlertmanagerConfigured = alertmanager.IsConfigured,
            AlertmanagerUrl = alertmanager.IsConfigured ? alertmanager.Address : null,
        };
    }

    /// <summary>The top bar's count: the firing alerts this viewer would see on /alerts, and no more.</summary>
    public async Task<FiringCount> CountFiringAsync(ViewerAccess viewer, CancellationToken cancellationToken)
    {
        var firing = (await store.ReadCurrentAsync(cancellationToken))
            .Where(a => a.State == AlertState.Firing)
            .ToList();
        var shown = await ShownToAsync(viewer, firing, cancellationToken);
        return new FiringCount(firing.Count(shown));
    }

    /// <param name="viewer">With Iam:BlindJobs=Hide and no blind access, blind tasks' alerts are not shown.
    /// </param>
    private async Task<Func<AlertInstance, bool>> ShownToAsync(
        ViewerAccess viewer,
        IReadOnlyList<AlertInstance> alerts,
        CancellationToken cancellationToken
    )
    {
        if (!viewer.ExcludesBlindJobs)
        {
            return _ => true;
        }

        var hidden = await BlindTasksAsync(alerts, cancellationToken);
        return alert => alert.Label(AlertLabels.JediTaskId) is not { } task || !hidden.Contains(task);
    }

    /// <summary>The task IDs of these alerts that are blind; every one of them when PanDA does not answer.</summary>
    private async Task<IReadOnlySet<string>> BlindTasksAsync(
        IReadOnlyList<AlertInstance> alerts,
        CancellationToken cancellationToken
    )
    {
        var tasks = alerts.Select(a => a.Label(AlertLabels.JediTaskId)).OfType<string>().Distinct().ToList();
        if (tasks.Count == 0)
        {
            return new HashSet<string>();
        }

        try
        {
            var ids = tasks.Select(t => long.TryParse(t, out var id) ? id : -1).ToArray();
            var blind = await panda.ReadAllAsync(sql.BlindTasksCommand(ids), r => r.GetInt64(0), cancellationToken);
            return blind.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        }
        catch (Exception e)
            when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Task alerts hidden: PanDA cannot say which tasks are blind ({Error})", e.Message);
            return tasks.ToHashSet();
        }
    }

    private async Task<(
        Dictionary<string, (string[]? SilencedBy, string[]? InhibitedBy)> Mutes,
        IReadOnlyList<GettableSilence> Silences,
        string? Problem
    )> MutedAsync(CancellationToken cancellationToken)
    {
        if (!alertmanager.IsConfigured)
        {
            return ([], [], null);
        }

        try
        {
            var alerts = alertmanager.GetAlertsAsync(cancellationToken);
            var silences = alertmanager.GetSilencesAsync(cancellationToken);
            await Task.WhenAll(alerts, silences);
            var mutes = (await alerts)
                .GroupBy(a => AlertKey.Of(a.Labels))
                .ToDictionary(
                    g => g.Key,
                    g => ((string[]?)g.First().Status.SilencedBy, (string[]?)g.First().Status.InhibitedBy)
                );
            var shown = (await silences)
                .Where(s => s.Status.State is "active" or "pending")
                .OrderBy(s => s.EndsAt)
                .ToList();
            return (mutes, shown, null);
        }
        catch (Exception e)
            when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
                && !cancellationToken.IsCancellationRequested
            )
        {
            logger.LogWarning("Alertmanager could not be asked for silences: {Error}", e.Message);
            return (
                [],
                [],
                $"Alertmanager ({alertmanager.Address}) did not answer: "
                    + (e is TaskCanceledException ? "timeout" : e.Message)
            );
        }
    }
}
