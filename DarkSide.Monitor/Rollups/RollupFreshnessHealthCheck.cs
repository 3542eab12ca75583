using DarkSide.Monitor.Data;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Rollups;

/// <summary>
/// Whether the usage rollups keep up: their watermark no older than Rollups:StaleAfterMinutes. Stale rollups make
/// readiness "Degraded", not failed: every other page still works, and failing every replica's readiness at once
/// would take the whole dashboard off the Service for one page's sake. The lag is also a metric to alert on.
/// </summary>
public sealed class RollupFreshnessHealthCheck(
    MonitorDatabase monitor,
    IOptions<MonitorStoreOptions> store,
    IOptions<RollupOptions> options,
    TimeProvider time
) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default
    )
    {
        var limit = options.Value.StaleAfterMinutes;
        if (limit == 0)
        {
            return HealthCheckResult.Healthy("Not checked (Rollups:StaleAfterMinutes = 0).");
        }

        var rows = await monitor.ReadAllAsync(
            SqlParameterBag.Command(
                $"SELECT watermark FROM {store.Value.Schema}.rollup_state WHERE name = @name",
                ("name", UsageAggregator.StateName)
            ),
            r => r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0),
            cancellationToken
        );
        if (rows is not [{ } watermark])
        {
            return HealthCheckResult.Degraded(
                "The usage rollups have not been aggregated yet: an instance with Rollups:Enabled = true builds them."
            );
        }

        var lag = time.GetUtcNow().UtcDateTime - watermark;
        var reach = $"The usage rollups reach {watermark:yyyy-MM-dd HH:mm} UTC, {lag.TotalMinutes:0} minutes ago";
        return lag > TimeSpan.FromMinutes(limit)
            ? HealthCheckResult.Degraded(
                $"{reach}, more than Rollups:StaleAfterMinutes ({limit}): is an instance with Rollups:Enabled running?"
            )
            : HealthCheckResult.Healthy(reach + ".");
    }
}
