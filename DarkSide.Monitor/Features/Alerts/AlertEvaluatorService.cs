using System.Diagnostics;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Telemetry;
using Npgsql;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>Which instance evaluates the alert rules (see <see cref="MonitorLeadership"/>).</summary>
public sealed class AlertLeadership(MonitorDatabase monitor, ILogger<AlertLeadership> logger)
    : MonitorLeadership(
        monitor,
        logger,
        0x4453414c /* "DSAL" */
        ,
        "the alert evaluator"
    );

/// <summary>
/// Evaluates the rules every Alerts:EvaluationSeconds while this instance leads, and delivers after each evaluation.
/// A delivery that failed is retried with backoff (1 s, doubling, at most one evaluation interval) until Alertmanager
/// takes it; evaluations go on meanwhile.
/// </summary>
public sealed class AlertEvaluatorService(
    AlertEvaluator evaluator,
    AlertDelivery delivery,
    AlertStore store,
    AlertLeadership leadership,
    AlertOptions options,
    TimeProvider time,
    MonitorMetrics metrics,
    ILogger<AlertEvaluatorService> logger
) : BackgroundService
{
    private IReadOnlyList<AlertInstance> _last = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Alert rules are not evaluated by this instance (Alerts:Enabled = false)");
            return;
        }

        metrics.ObserveFiringAlerts(() =>
            leadership.IsLeader
                ? _last.Where(a => a.State == AlertState.Firing).GroupBy(a => a.Rule).Select(g => (g.Key, g.Count()))
                : []
        );
        var interval = TimeSpan.FromSeconds(options.EvaluationSeconds);
        var nextEvaluation = DateTimeOffset.MinValue;
        var nextDelivery = DateTimeOffset.MaxValue;
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                if (await leadership.HoldAsync(stoppingToken))
                {
                    var now = time.GetUtcNow();
                    if (now >= nextEvaluation)
                    {
                        var started = Stopwatch.GetTimestamp();
                        _last = (await evaluator.EvaluateAsync(stoppingToken)).Alerts;
                        metrics.AlertsEvaluated(Stopwatch.GetElapsedTime(started));
                        nextEvaluation = now + interval;
                        nextDelivery = now;
                    }

                    if (time.GetUtcNow() >= nextDelivery)
                    {
                        var delivered = await delivery.DeliverAsync(_last, stoppingToken);
                        backoff = delivered ? TimeSpan.FromSeconds(1) : Min(backoff * 2, interval);
                        nextDelivery = delivered ? DateTimeOffset.MaxValue : time.GetUtcNow() + backoff;
                        _last = delivered ? await store.ReadCurrentAsync(stoppingToken) : _last;
                    }

                    wait = Min(nextEvaluation, nextDelivery) - time.GetUtcNow();
                }
                else
                {
                    // Another instance evaluates; if it goes, this one takes over and carries on from the kept state.
                    nextEvaluation = DateTimeOffset.MinValue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogError(e, "Alert evaluation failed (the monitor's database?); the next one retries");
            }

            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await leadership.DisposeAsync();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
