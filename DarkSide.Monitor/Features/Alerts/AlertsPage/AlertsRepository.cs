using DarkSide.Monitor.Features.Alerts.Rules;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// /alerts' data: the state the evaluating instance keeps in the monitor's schema (every replica reads the same),
/// and from Alertmanager its silences and which alerts it mutes. Alertmanager away is said, not an error.
/// </summary>
public sealed class AlertsRepository(
    AlertStore store,
    AlertmanagerClient alertmanager,
    IEnumerable<IAlertRule> rules,
    TimeProvider time,
    ILogger<AlertsRepository> logger
)
{
    public IReadOnlyList<AlertRuleRow> Rules { get; } =
    [.. rules.Select(r => new AlertRuleRow(r.Name, r.Options.Enabled, r.Condition, r.Options.For, r.Options.Severity))];

    public async Task<AlertsReport> GetAsync(AlertsQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var current = store.ReadCurrentAsync(cancellationToken);
        var history = store.ReadHistoryAsync(query.ResolvedSinceUtc(now), cancellationToken);
        var delivery = store.ReadDeliveryAsync(cancellationToken);
        var muted = MutedAsync(cancellationToken);
        await Task.WhenAll(current, history, delivery, muted);
        var (mutes, silences, problem) = await muted;
        var until = query.ResolvedUntilUtc(now);
        return new AlertsReport(
            now,
            (await current)
                .Where(a => a.State != AlertState.Resolved && query.Selects(a))
                .OrderBy(a => a.State == AlertState.Firing ? 0 : 1)
                .ThenBy(a => a.FiredAtUtc ?? a.ActiveSinceUtc)
                .ThenBy(a => a.Key, StringComparer.Ordinal)
                .Select(a =>
                {
                    var mute = mutes.GetValueOrDefault(a.Key);
                    return new AlertRow(a, mute.SilencedBy ?? [], mute.InhibitedBy ?? []);
                })
                .ToList(),
            (await history).Where(e => e.Event == "resolved" && e.AtUtc < until && query.Selects(e.Alert)).ToList(),
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
                $"Alertmanager ({alertmanager.Address}) did not answer: {(e is TaskCanceledException ? "timeout" : e.Message)}"
            );
        }
    }
}
