using DarkSide.Monitor.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Rollups;

/// <summary>
/// Runs the usage aggregator every Rollups:IntervalSeconds while this instance leads (one instance of all those with
/// Rollups:Enabled does); a failed run is logged and retried on the next tick.
/// </summary>
public sealed class UsageAggregatorService(
    UsageAggregator aggregator,
    AggregatorLeadership leadership,
    IOptions<RollupOptions> options,
    TimeProvider time,
    MonitorMetrics metrics,
    ILogger<UsageAggregatorService> logger
) : BackgroundService
{
    private DateTime? _watermark;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Usage rollups are not aggregated by this instance (Rollups:Enabled = false)");
            return;
        }

        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        metrics.ObserveRollupLag(() =>
            leadership.IsLeader && _watermark is { } watermark
                ? (time.GetUtcNow().UtcDateTime - watermark).TotalSeconds
                : null
        );
        metrics.ObserveAggregatorLead(() => leadership.IsLeader);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await leadership.HoldAsync(stoppingToken)
                    ? await aggregator.RunOnceAsync(stoppingToken)
                    : UsageAggregationRun.Skipped;
                if (run.Ran)
                {
                    _watermark = run.Watermark;
                    metrics.Aggregated(run.Elapsed);
                    logger.LogDebug(
                        "Usage rollups recomputed from {From:yyyy-MM-dd HH:mm} to {To:yyyy-MM-dd HH:mm}: {Jobs} "
                            + "jobs in {Ms} ms",
                        run.From,
                        run.Watermark,
                        run.Jobs,
                        (long)run.Elapsed.TotalMilliseconds
                    );
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogError(
                    e,
                    "Usage aggregation failed; the rollups stay at their last watermark and the next run retries"
                );
            }

            await Task.Delay(interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await leadership.DisposeAsync();
    }
}
