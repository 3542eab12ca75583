using DarkSide.Monitor.Data;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>Where the rollups stand, for the status line of every coordinator view.</summary>
public sealed class UsageStatusReader(MonitorDatabase monitor, IOptions<MonitorStoreOptions> store)
{
    /// <summary>Null until the aggregator has run once.</summary>
    public async Task<UsageRollupStatus?> GetAsync(CancellationToken cancellationToken)
    {
        var command = SqlParameterBag.Command(
            $"SELECT watermark, backfill_done, backfill_from, rebuild_reason, skipped_days, backfill_horizon FROM "
                + $"{store.Value.Schema}.rollup_state WHERE name = @name",
            ("name", UsageAggregator.StateName)
        );
        var rows = await monitor.ReadAllAsync(
            command,
            r => new UsageRollupStatus(
                r.IsDBNull(0) ? null : r.GetDateTime(0),
                r.GetBoolean(1),
                r.IsDBNull(2) ? DateTime.MinValue : r.GetDateTime(2)
            )
            {
                RebuildReason = r.IsDBNull(3) ? null : r.GetString(3),
                SkippedDays = r.IsDBNull(4) ? [] : r.GetString(4).Split('\n', StringSplitOptions.RemoveEmptyEntries),
                BackfillHorizon = r.IsDBNull(5) ? null : r.GetDateTime(5),
            },
            cancellationToken
        );
        return rows.Count == 0 ? null : rows[0];
    }
}
