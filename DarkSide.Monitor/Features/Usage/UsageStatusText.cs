using System.Globalization;
using DarkSide.Monitor.Rollups;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>The status line of the coordinator views: how fresh the rollups are, and what a window lacks.</summary>
public static class UsageStatusText
{
    public static string For(UsageRollupStatus? status) =>
        status switch
        {
            null or { Watermark: null, RebuildReason: null } =>
                "The usage rollups are being built for the first time; numbers appear as days are aggregated.",
            { BackfillDone: false, RebuildReason: { } reason } =>
                $"The usage rollups are being rebuilt because {reason}: numbers appear as days are aggregated"
                    + (
                        status.Watermark is { } mark
                            ? FormattableString.Invariant($" (up to {mark:yyyy-MM-dd HH:mm} UTC so far).")
                            : "."
                    ),
            { BackfillDone: false } => string.Create(
                CultureInfo.InvariantCulture,
                $"Backfill in progress: aggregated up to {status.Watermark:yyyy-MM-dd HH:mm} UTC (from "
                    + $"{status.BackfillFrom:yyyy-MM-dd}); later days are not counted yet."
            ),
            _ => string.Create(
                CultureInfo.InvariantCulture,
                $"Aggregated up to {status.Watermark:yyyy-MM-dd HH:mm} UTC."
            ),
        };

    /// <summary>What a window starting at <paramref name="from"/> does not count: days before the rollups begin,
    /// skipped days.</summary>
    public static IReadOnlyList<string> Coverage(UsageRollupStatus? status, DateTime from, DateTime to)
    {
        if (status is not { Watermark: not null })
        {
            return [];
        }

        var gaps = new List<string>();
        // Days between the horizon and the first aggregated day simply had no ended jobs: they are covered.
        var begins =
            status.BackfillHorizon is { } horizon && horizon < status.BackfillFrom ? horizon : status.BackfillFrom;
        if (from < begins)
        {
            gaps.Add(
                FormattableString.Invariant($"This window starts before {begins:yyyy-MM-dd}, where the rollups begin: ")
                    + "earlier days are not counted. Raise Rollups:BackfillDays to aggregate them."
            );
        }

        foreach (var day in status.SkippedDays)
        {
            if (
                DateTime.TryParseExact(
                    day[..Math.Min(10, day.Length)],
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var date
                )
                && date >= from.Date
                && date < to
            )
            {
                gaps.Add($"Not counted: {day}. The monitor's log has the details.");
            }
        }

        return gaps;
    }
}
