using System.Data.Common;
using System.Globalization;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;
using Npgsql;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// SQL pieces every rollup query shares: the window and filter condition, the measures, reading them back.
/// </summary>
public static class UsageSql
{
    /// <summary>A WHERE condition with its parameters, bound to each statement that uses it.</summary>
    public sealed class Condition(string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        public string Sql { get; } = sql;

        /// <summary>A statement that uses this condition, with its values and any the statement adds.</summary>
        public NpgsqlCommand Command(string statement, params (string Name, object? Value)[] more) =>
            SqlParameterBag.Command(statement, [.. parameters.Select(p => (p.Name, (object?)p.Value)), .. more]);
    }

    /// <summary>
    /// The window on <paramref name="timeColumn"/>, the URL's filters, and the blind rule for this viewer.
    /// </summary>
    public static Condition Where(UsageQuery query, ViewerAccess viewer, string timeColumn) =>
        Where(query.Window.From, query.Window.To, query.Filters, viewer, timeColumn);

    public static Condition Where(
        DateTime from,
        DateTime? to,
        IReadOnlyList<(UsageDimension Dimension, string Value)> filters,
        ViewerAccess viewer,
        string timeColumn
    )
    {
        var parts = new List<string> { $"{timeColumn} >= @from" };
        var parameters = new List<(string, object)> { ("from", from) };
        if (to is { } end)
        {
            parts.Add($"{timeColumn} < @to");
            parameters.Add(("to", end));
        }

        for (var i = 0; i < filters.Count; i++)
        {
            var (dimension, value) = filters[i];
            var column = dimension == UsageDimensions.Activity ? $"({UsageDimensions.ActivitySql})" : dimension.Column;
            parts.Add(TextPatternSql.Predicate(column, TextPattern.Parse(value), $"f{i}_", parameters));
        }

        if (viewer.ExcludesBlindJobs)
        {
            parts.Add("NOT blind");
        }

        return new Condition(string.Join(" AND ", parts), parameters);
    }

    /// <summary>
    /// The ten measures of <see cref="UsageTotals"/>, in its order; events and bytes without blind jobs unless the
    /// viewer may see them.
    /// </summary>
    public static string Measures(ViewerAccess viewer)
    {
        var open = viewer.CanSeeBlindData ? "" : " FILTER (WHERE NOT blind)";
        return "sum(jobs)::bigint, coalesce(sum(jobs) FILTER (WHERE jobstatus = 'finished'), 0)::bigint, "
            + "coalesce(sum(jobs) FILTER (WHERE jobstatus = 'failed'), 0)::bigint, "
            + "sum(wall_core_seconds), sum(cpu_seconds), sum(hs06sec), sum(failed_core_seconds), "
            + $"coalesce(sum(events){open}, 0), coalesce(sum(input_bytes){open}, 0), "
            + $"coalesce(sum(output_bytes){open}, 0)";
    }

    public static UsageTotals ReadTotals(DbDataReader r, int first) =>
        new(
            r.GetInt64(first),
            r.GetInt64(first + 1),
            r.GetInt64(first + 2),
            r.GetDecimal(first + 3),
            r.GetDecimal(first + 4),
            r.GetDecimal(first + 5),
            r.GetDecimal(first + 6),
            r.GetDecimal(first + 7),
            r.GetDecimal(first + 8),
            r.GetDecimal(first + 9)
        );

    public static long[] ReadBuckets(DbDataReader r, int first, int count) =>
        Enumerable.Range(first, count).Select(i => r.IsDBNull(i) ? 0 : r.GetInt64(i)).ToArray();

    /// <summary>
    /// Which grouping set a row of GROUPING SETS ((a), (b), ...) belongs to: the index of its one grouped column.
    /// </summary>
    public static string GroupingIndex(IReadOnlyList<UsageDimension> dimensions) =>
        "CASE "
        + string.Join(
            " ",
            dimensions.Select(
                (d, i) => string.Create(CultureInfo.InvariantCulture, $"WHEN GROUPING({d.Column}) = 0 THEN {i}")
            )
        )
        + " END";

    public static UsageTotals Sum(IEnumerable<UsageTotals> totals) =>
        totals.Aggregate(
            UsageTotals.Zero,
            (a, b) =>
                new UsageTotals(
                    a.Jobs + b.Jobs,
                    a.Finished + b.Finished,
                    a.Failed + b.Failed,
                    a.CoreSeconds + b.CoreSeconds,
                    a.CpuSeconds + b.CpuSeconds,
                    a.Hs06Sec + b.Hs06Sec,
                    a.FailedCoreSeconds + b.FailedCoreSeconds,
                    a.Events + b.Events,
                    a.InputBytes + b.InputBytes,
                    a.OutputBytes + b.OutputBytes
                )
        );

    public static List<UsageGroup> Sort(IEnumerable<UsageGroup> groups, UsageSort sort)
    {
        var ordered =
            sort.Key == "name"
                ? (
                    sort.Descending
                        ? groups.OrderByDescending(g => g.Value, StringComparer.Ordinal)
                        : groups.OrderBy(g => g.Value, StringComparer.Ordinal)
                )
            : sort.Descending ? groups.OrderByDescending(g => g.Totals.Value(sort.Key) ?? double.MinValue)
            : groups.OrderBy(g => g.Totals.Value(sort.Key) ?? double.MaxValue);
        return ordered.ThenBy(g => g.Value, StringComparer.Ordinal).ToList();
    }
}
