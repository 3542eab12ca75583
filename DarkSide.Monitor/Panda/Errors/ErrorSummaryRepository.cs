using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.Errors;

/// <summary>Reads the error view: the three statements run in parallel, each one pass over the selection.</summary>
public sealed class ErrorSummaryRepository(PandaDatabase panda, JobSqlBuilder sql, JobRepository jobs)
    : IErrorSummaryReader
{
    /// <summary>Error codes beyond this many most frequent are summed as "other" in the histogram.</summary>
    public const int HistogramSeries = 8;

    private static readonly TimeSpan[] NiceBins =
    [
        .. new[] { 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080 }.Select(m => TimeSpan.FromMinutes(m)),
    ];

    public async Task<ErrorSummary> GetAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken)
    {
        query = await jobs.ResolveAsync(query, cancellationToken);
        // Failure percentages need the finished jobs too, so the groups ignore a jobstatus filter.
        var allStates = query with
        {
            Filters = query.Filters.Where(f => f.Field.Parameter != JobFields.JobStatus).ToList(),
        };
        var byCode = jobs.ReadErrorsAsync(query, viewer, cancellationToken);
        var groups = ReadGroupsAsync(allStates, viewer, cancellationToken);
        var histogram = ReadHistogramAsync(query, viewer, cancellationToken);
        await Task.WhenAll(byCode, groups, histogram);
        var (sites, users, tasks) = await groups;
        return new ErrorSummary(await byCode, sites, users, tasks, await histogram);
    }

    /// <summary>About 48 bins over the window, of a width a person reads easily (5 min … 1 week).</summary>
    public static TimeSpan BinFor(TimeSpan window) => NiceBins.FirstOrDefault(b => window / b <= 48, NiceBins[^1]);

    private async Task<(
        IReadOnlyList<ErrorGroup>,
        IReadOnlyList<ErrorGroup>,
        IReadOnlyList<ErrorGroup>
    )> ReadGroupsAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken)
    {
        var lists = ErrorSummarySql.ErrorGroupColumns.Select(_ => new List<ErrorGroup>()).ToArray();
        await using var connection = await panda.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = sql.ErrorGroupsCommand(query, viewer);
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = lists.Length;
        while (await reader.ReadAsync(cancellationToken))
        {
            var mask = reader.GetInt32(0);
            var group = Enumerable.Range(0, count).Single(i => (mask & (1 << (count - 1 - i))) == 0);
            var value = reader.IsDBNull(group + 1) ? null : reader.GetString(group + 1).TrimEnd();
            lists[group]
                .Add(
                    new ErrorGroup(
                        value,
                        reader.GetInt64(count + 1),
                        reader.GetInt64(count + 2),
                        reader.GetInt64(count + 3),
                        reader.GetInt64(count + 4)
                    )
                );
        }

        static IReadOnlyList<ErrorGroup> Sorted(List<ErrorGroup> list) =>
            list.OrderByDescending(g => g.Failed + g.Holding).ThenBy(g => g.Value, StringComparer.Ordinal).ToList();
        return (Sorted(lists[0]), Sorted(lists[1]), Sorted(lists[2]));
    }

    private async Task<ErrorHistogram> ReadHistogramAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var to = query.Window.ToUtc ?? query.AsOfUtc;
        var from = query.Window.FromUtc ?? to.AddDays(-30);
        var bin = BinFor(to - from);
        var counts = new List<(DateTime Bin, string Key, long Count)>();
        await using (var connection = await panda.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = sql.ErrorHistogramCommand(query, viewer, bin, from))
        {
            command.Connection = connection;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add((reader.GetDateTime(0), $"{reader.GetString(1)}:{reader.GetInt32(2)}", reader.GetInt64(3)));
            }
        }

        return Histogram(counts, bin);
    }

    /// <summary>
    /// Dense series over every bin that has errors; codes beyond the most frequent few become "other".
    /// </summary>
    public static ErrorHistogram Histogram(IReadOnlyList<(DateTime Bin, string Key, long Count)> counts, TimeSpan bin)
    {
        var bins = counts.Select(c => c.Bin).Distinct().Order().ToList();
        var top = counts
            .GroupBy(c => c.Key)
            .OrderByDescending(g => g.Sum(c => c.Count))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .Take(HistogramSeries)
            .ToHashSet();
        var index = bins.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        var series = counts
            .GroupBy(c => top.Contains(c.Key) ? c.Key : "other")
            .Select(g =>
            {
                var values = new long[bins.Count];
                foreach (var c in g)
                {
                    values[index[c.Bin]] += c.Count;
                }

                return new ErrorSeries(g.Key, values);
            })
            .OrderBy(s => s.Key == "other")
            .ThenByDescending(s => s.Total)
            .ToList();
        return new ErrorHistogram(bin, bins, series);
    }
}
