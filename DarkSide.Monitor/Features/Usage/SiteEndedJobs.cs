using System.Data.Common;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// The ended jobs of a site view's exact window [From, AsOf): whole hours the rollups have complete come from them,
/// the rest — the part-hour the window starts in, and the hours since the rollups' watermark — from PanDA's
/// jobsarchived4 with the rollups' own definitions. So "the last 6 hours" here counts the jobs the job list and the
/// error view count for the same 6 hours, not whole hours from the hour before (docs/time-windows.md).
/// </summary>
public sealed class SiteEndedJobs(
    MonitorDatabase monitor,
    PandaDatabase panda,
    IOptions<MonitorStoreOptions> store,
    UsageRollupSql rollups,
    BlindDataPolicy blind
)
{
    /// <summary>
    /// Rollups further behind than this are not made up from PanDA (a backfill would mean reading months); the page's
    /// status line says how far they are.
    /// </summary>
    public static readonly TimeSpan MaxLiveTail = TimeSpan.FromHours(3);

    /// <summary>Where a window's jobs are read: hours of the rollups, and the ranges read from PanDA.</summary>
    public sealed record Split(
        DateTime RolledFrom,
        DateTime RolledTo,
        IReadOnlyList<(DateTime From, DateTime To)> Live
    );

    public static Split SplitWindow(DateTime from, DateTime to, DateTime? watermark)
    {
        var firstWhole = UsageAggregator.HourFloor(from) == from ? from : UsageAggregator.HourFloor(from).AddHours(1);
        var lastWhole = UsageAggregator.HourFloor(to);
        if (firstWhole >= lastWhole)
        {
            return new Split(firstWhole, firstWhole, [(from, to)]);
        }

        var complete = watermark is { } mark ? UsageAggregator.HourFloor(mark) : DateTime.MinValue;
        var rolledTo = to - complete <= MaxLiveTail ? Max(firstWhole, Min(complete, lastWhole)) : lastWhole;
        var live = new[] { (from, firstWhole), (rolledTo, to) }.Where(r => r.Item1 < r.Item2).ToList();
        return new Split(firstWhole, rolledTo, live);
    }

    /// <summary>
    /// The window's totals per <paramref name="groupColumn"/> (computingsite or hour), under the URL's filters and
    /// the viewer's blind rule, as the rollups' readers compute them.
    /// </summary>
    public async Task<Dictionary<TKey, UsageTotals>> ReadAsync<TKey>(
        SiteWindow window,
        UsageRollupStatus? status,
        IReadOnlyList<(UsageDimension Dimension, string Value)> filters,
        ViewerAccess viewer,
        string groupColumn,
        Func<DbDataReader, TKey> key,
        CancellationToken cancellationToken
    )
        where TKey : notnull
    {
        var split = SplitWindow(window.From, window.AsOf, status?.Watermark);
        var parts = new List<Task<List<(TKey, UsageTotals)>>>();
        if (split.RolledFrom < split.RolledTo)
        {
            var where = UsageSql.Where(split.RolledFrom, split.RolledTo, filters, viewer, "hour");
            var command = where.Command(
                $"SELECT {groupColumn}, {UsageSql.Measures(viewer)} FROM {store.Value.Schema}.usage_hourly WHERE "
                    + $"{where.Sql} GROUP BY {groupColumn}"
            );
            parts.Add(monitor.ReadAllAsync(command, r => (key(r), UsageSql.ReadTotals(r, 1)), cancellationToken));
        }

        foreach (var (from, to) in split.Live)
        {
            // The relation reads [@from, @to) of jobsarchived4; the condition names the same range again.
            var where = UsageSql.Where(from, to, filters, viewer, "modificationtime");
            var command = where.Command(
                $"{rollups.EndedJobsRelation()}SELECT {groupColumn}, {UsageSql.Measures(viewer)} FROM usage_hourly "
                    + $"WHERE {where.Sql} GROUP BY {groupColumn}",
                ("patterns", blind.DatasetNamePatterns)
            );
            parts.Add(panda.ReadAllAsync(command, r => (key(r), UsageSql.ReadTotals(r, 1)), cancellationToken));
        }

        var totals = new Dictionary<TKey, UsageTotals>();
        foreach (var (k, t) in (await Task.WhenAll(parts)).SelectMany(p => p))
        {
            totals[k] = totals.TryGetValue(k, out var before) ? UsageSql.Sum([before, t]) : t;
        }

        return totals;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
