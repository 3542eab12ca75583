using System.Data.Common;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// /usage and /memory, read from the rollups only (never from PanDA's job tables). The window and the filters
/// become parameters; dimension names come from <see cref="UsageDimensions"/>. Blind rules: under Iam:BlindJobs=Hide
/// blind jobs are left out for viewers without blind access; otherwise they count, but not their events and bytes.
/// </summary>
public sealed class UsageRepository(
    MonitorDatabase monitor,
    IOptions<MonitorStoreOptions> store,
    UsageStatusReader status
)
{
    public const int OverRequestRows = 100;
    public const int LeakTaskRows = 50;

    private string Schema => store.Value.Schema;

    private string Tail => $"{Schema}.{UsageRollupSql.Concatenate}(pss_tail_mb)";

    public async Task<UsageReport> GetUsageAsync(
        UsageQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var where = UsageSql.Where(query, viewer, "day");
        var measures = UsageSql.Measures(viewer);
        // The statements are independent: run on separate connections, the view waits for the slowest, not the sum.
        var statusTask = status.GetAsync(cancellationToken);
        var daysTask = ReadAsync(
            $"SELECT day, computingsite, {measures} FROM {Schema}.usage_daily WHERE {where.Sql} GROUP BY day, "
                + $"computingsite ORDER BY day, computingsite",
            where,
            r => new UsageDay(r.GetDateTime(0), r.GetString(1), UsageSql.ReadTotals(r, 2)),
            cancellationToken
        );

        var sets = string.Join(", ", UsageDimensions.Tables.Select(d => $"({d.Column})"));
        var columns = string.Join(", ", UsageDimensions.Tables.Select(d => d.Column));
        var groupedTask = ReadAsync(
            $"SELECT {columns}, {UsageSql.GroupingIndex(UsageDimensions.Tables)} AS table_index, {measures} "
                + $"FROM (SELECT *, {UsageDimensions.ActivitySql} AS activity FROM {Schema}.usage_daily WHERE "
                + $"{where.Sql}) u "
                + $"GROUP BY GROUPING SETS ({sets})",
            where,
            r =>
            {
                var index = r.GetInt32(UsageDimensions.Tables.Count);
                return (
                    Index: index,
                    Group: new UsageGroup(r.GetString(index), UsageSql.ReadTotals(r, UsageDimensions.Tables.Count + 1))
                );
            },
            cancellationToken
        );

        var (days, grouped) = (await daysTask, await groupedTask);
        var tables = UsageDimensions
            .Tables.Select(
                (d, i) =>
                    (
                        d.Parameter,
                        Rows: (IReadOnlyList<UsageGroup>)
                            UsageSql.Sort(grouped.Where(g => g.Index == i).Select(g => g.Group), query.Sort)
                    )
            )
            .ToDictionary(t => t.Parameter, t => t.Rows);
        var total = UsageSql.Sum(tables[UsageDimensions.ComputingSite.Parameter].Select(g => g.Totals));
        return new UsageReport(query.Window, days, tables, total, await statusTask, !viewer.CanSeeBlindData);
    }

    public async Task<MemoryReport> GetMemoryAsync(
        UsageQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var where = UsageSql.Where(query, viewer, "day");
        var buckets = string.Join(", ", UsageBuckets.PssColumns.Select(c => $"sum({c})::bigint"));
        var by = query.MemoryBy.Column;
        var statusTask = status.GetAsync(cancellationToken);
        var histogramsTask = ReadAsync(
            $"SELECT {by}, sum(pss_request_per_core_mb), sum(pss_request_jobs), max(max_pss_per_core_mb), "
                + $"sum(jobs_over_request), {buckets}, {Tail} "
                + $"FROM {Schema}.usage_daily WHERE {where.Sql} AND pss_jobs > 0 GROUP BY {by} ORDER BY "
                + $"sum(pss_jobs) DESC, {by}",
            where,
            r => new PssHistogram(
                r.GetString(0),
                UsageSql.ReadBuckets(r, 5, UsageBuckets.PssBucketCount),
                r.GetInt64(2) == 0 ? null : (double)(r.GetDecimal(1) / r.GetInt64(2) / 1024m),
                r.IsDBNull(3) ? null : (double)(r.GetDecimal(3) / 1024m),
                r.GetInt64(4)
            )
            {
                TailGb = UsageBuckets.TailGb(r.GetValue(5 + UsageBuckets.PssBucketCount)),
            },
            cancellationToken
        );

        var daysTask = ReadAsync(
            $"SELECT day, max(max_pss_per_core_mb), {buckets}, {Tail} FROM {Schema}.usage_daily WHERE "
                + $"{where.Sql} AND pss_jobs > 0 GROUP BY day ORDER BY day",
            where,
            r =>
            {
                var counts = UsageSql.ReadBuckets(r, 2, UsageBuckets.PssBucketCount);
                var tail = UsageBuckets.TailGb(r.GetValue(2 + UsageBuckets.PssBucketCount));
                return new PssDay(
                    r.GetDateTime(0),
                    counts.Sum(),
                    UsageBuckets.PssQuantileGb(counts, 0.5, tail),
                    UsageBuckets.PssQuantileGb(counts, 0.95, tail),
                    r.IsDBNull(1) ? null : (double)(r.GetDecimal(1) / 1024m)
                );
            },
            cancellationToken
        );

        var suspects = UsageSql.Where(query, viewer, "modificationtime");
        var overRequestTask = ReadAsync(
            $"SELECT pandaid, modificationtime, jeditaskid, computingsite, transformation, jobstatus, cores, "
                + $"pss_per_core_mb, request_per_core_mb "
                + $"FROM {Schema}.memory_suspects WHERE {suspects.Sql} AND pss_per_core_mb > request_per_core_mb "
                + $"ORDER BY pss_per_core_mb / request_per_core_mb DESC, pandaid LIMIT {OverRequestRows}",
            suspects,
            r => new OverRequestJob(
                r.GetInt64(0),
                r.GetDateTime(1),
                r.IsDBNull(2) ? null : r.GetInt64(2),
                r.GetString(3),
                r.GetString(4),
                r.GetString(5),
                r.GetInt32(6),
                (double)(r.GetDecimal(7) / 1024m),
                (double)(r.GetDecimal(8) / 1024m)
            ),
            cancellationToken
        );
        var leaksTask = ReadAsync(
            $"SELECT jeditaskid, count(*), avg(memory_leak)::float8, max(memory_leak), min(transformation), "
                + $"string_agg(DISTINCT computingsite, ', ') "
                + $"FROM {Schema}.memory_suspects WHERE {suspects.Sql} AND memory_leak >= "
                + $"{UsageRollupSql.MemoryLeakKbPerSecond} AND jeditaskid IS NOT NULL "
                + $"GROUP BY jeditaskid ORDER BY count(*) DESC, jeditaskid LIMIT {LeakTaskRows}",
            suspects,
            r => new LeakSuspectTask(
                r.GetInt64(0),
                r.GetInt64(1),
                r.GetDouble(2),
                r.GetInt64(3),
                r.GetString(4),
                r.GetString(5)
            ),
            cancellationToken
        );

        var histograms = await histogramsTask;
        return new MemoryReport(
            query.Window,
            query.MemoryBy,
            histograms,
            await daysTask,
            await overRequestTask,
            histograms.Sum(h => h.OverRequest),
            await leaksTask,
            await statusTask
        );
    }

    private async Task<List<T>> ReadAsync<T>(
        string sql,
        UsageSql.Condition where,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken
    )
    {
        return await monitor.ReadAllAsync(where.Command(sql), read, cancellationToken);
    }
}
