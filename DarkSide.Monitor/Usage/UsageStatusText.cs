using System.Globalization;

namespace DarkSide.Monitor.Usage;

/// <summary>The status line of the coordinator views: how fresh the rollups are.</summary>
public static class UsageStatusText
{
    public static string For(UsageRollupStatus? status) => status switch
    {
        null or { Watermark: null } => "The usage rollups are being built for the first time; numbers appear as days are aggregated.",
        { BackfillDone: false } => string.Create(CultureInfo.InvariantCulture,
            $"Backfill in progress: aggregated up to {status.Watermark:yyyy-MM-dd HH:mm} UTC (from {status.BackfillFrom:yyyy-MM-dd}); later days are not counted yet."),
        _ => string.Create(CultureInfo.InvariantCulture, $"Aggregated up to {status.Watermark:yyyy-MM-dd HH:mm} UTC."),
    };
}
