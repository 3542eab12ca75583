using DarkSide.Monitor.Telemetry;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// Posts the kept alerts to Alertmanager: firing ones with their first firing time as startsAt and an end a few
/// evaluations ahead (as Prometheus does: Alertmanager ends them itself if the monitor stops sending), resolved ones
/// with their end. The same startsAt on every post, also after a restart, is why a restart does not page again.
/// </summary>
public sealed class AlertDelivery(
    AlertmanagerClient alertmanager,
    AlertStore store,
    AlertOptions options,
    TimeProvider time,
    MonitorMetrics metrics,
    ILogger<AlertDelivery> logger
)
{
    /// <summary>How far ahead a firing alert's endsAt is: four evaluations, at least four minutes.</summary>
    public TimeSpan ResendWindow => 4 * TimeSpan.FromSeconds(Math.Max(options.EvaluationSeconds, 60));

    public IReadOnlyList<PostableAlert> Batch(IReadOnlyList<AlertInstance> alerts, DateTime nowUtc) =>
        alerts
            .Where(a => a.State is AlertState.Firing or AlertState.Resolved)
            .Select(a => new PostableAlert(
                a.Labels,
                a.Annotations,
                a.FiredAtUtc ?? a.ActiveSinceUtc,
                a.State == AlertState.Resolved ? a.ResolvedAtUtc ?? nowUtc : nowUtc + ResendWindow,
                a.Annotations.GetValueOrDefault(AlertLabels.Jobs)
            ))
            .ToList();

    /// <summary>Whether Alertmanager took them (or none is configured); a failure is counted and kept.</summary>
    public async Task<bool> DeliverAsync(IReadOnlyList<AlertInstance> alerts, CancellationToken cancellationToken)
    {
        if (!alertmanager.IsConfigured)
        {
            return true;
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            // An empty post too: it tells /alerts whether Alertmanager is reachable while nothing fires.
            await alertmanager.PostAlertsAsync(Batch(alerts, now), cancellationToken);
            var resolved = alerts.Where(a => a.State == AlertState.Resolved).Select(a => a.Key).ToList();
            await store.DeliveredAsync(resolved, now, cancellationToken);
            return true;
        }
        catch (Exception e)
            when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            metrics.AlertDeliveryFailed();
            var error = e is TaskCanceledException ? "Alertmanager did not answer in time." : e.Message;
            logger.LogWarning("Alerts not delivered to {Alertmanager}: {Error}", alertmanager.Address, error);
            await store.DeliveryFailedAsync(error, now, cancellationToken);
            return false;
        }
    }
}
