using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// Reads the coordinator views' URLs. Every unknown or malformed parameter is named with what is expected, never
/// ignored; a filter names a dimension from <see cref="UsageDimensions.Filterable"/>, so no URL text reaches SQL as a
/// name.
/// </summary>
public static partial class UsageQueryParser
{
    public const int DefaultDays = 30;
    public const int MaxDays = 90;
    public const int MaxRangeDays = 366;
    public const int DefaultSiteHours = 168;
    public const int MaxSiteHours = MaxDays * 24;

    /// <summary>/usage (metric, sortby) and /memory (by) share the window and the filters.</summary>
    public static UsageParseResult Parse(
        IReadOnlyDictionary<string, StringValues> query,
        DateTime nowUtc,
        UsageView view
    )
    {
        var errors = new List<ParameterError>();
        var values = QueryValues.ReadSingle(query, errors, keepEmpty: true);
        var allowed =
            view == UsageView.Memory
                ? new[] { UsageDimensions.ComputingSite, UsageDimensions.Transformation }
                : UsageDimensions.Filterable;
        var extra =
            view == UsageView.Memory
                ? [UrlParameter.By, .. MemoryTableOrders.All.Select(t => t.Parameter)]
                : new[] { UrlParameter.Metric, UrlParameter.SortBy };
        RefuseUnknown(values, allowed, extra, errors);
        var window = ParseWindow(values, nowUtc, errors);
        var filters = ParseFilters(values, allowed, errors);
        var metric = ParseMetric(values, errors);
        var sort = ParseSort(values, errors);
        var by = ParseMemoryBy(values, errors);
        var memorySorts = MemoryTableOrders.All.ToDictionary(t => t.Parameter, t => t.Parse(values, errors));
        return errors.Count > 0 || window is null
            ? new UsageParseResult(null, errors)
            : new UsageParseResult(
                new UsageQuery(window, filters)
                {
                    Metric = metric.Key,
                    Sort = sort,
                    MemoryBy = by,
                    MemorySorts = memorySorts,
                },
                errors
            );
    }

    private static void RefuseUnknown(
        Dictionary<string, string> values,
        IReadOnlyList<UsageDimension> allowed,
        string[] extra,
        List<ParameterError> errors
    )
    {
        var known = UsagePolicy.Parameters.Concat(extra).Concat(allowed.Select(d => d.Parameter)).ToList();
        foreach (var name in values.Keys.Where(k => !known.Contains(k)))
        {
            errors.Add(new(name, $"is not a parameter of this view; expected {string.Join(", ", known)}."));
        }
    }

    private static List<(UsageDimension, string)> ParseFilters(
        Dictionary<string, string> values,
        IReadOnlyList<UsageDimension> allowed,
        List<ParameterError> errors
    )
    {
        var filters = new List<(UsageDimension, string)>();
        foreach (var dimension in allowed)
        {
            if (!values.TryGetValue(dimension.Parameter, out var value))
            {
                continue;
            }

            if (value.Length is 0 or > 250 || TextPattern.Parse(value).HasEmptyTerm)
            {
                errors.Add(
                    new(
                        dimension.Parameter,
                        $"'{value}' is empty, has an empty alternative or is longer than 250 characters; expected "
                            + "the job list's grammar: a name, CNAF* (wildcard), A|B (either), !A (not), "
                            + "* (any value) or Not specified."
                    )
                );
            }
            else if (dimension == UsageDimensions.Activity && !UsageDimensions.Activities.Contains(value))
            {
                errors.Add(
                    new(
                        dimension.Parameter,
                        $"'{value}' is not an activity; expected {string.Join(", ", UsageDimensions.Activities)}."
                    )
                );
            }
            else
            {
                filters.Add((dimension, value));
            }
        }

        return filters;
    }

    private static UsageMetric ParseMetric(Dictionary<string, string> values, List<ParameterError> errors)
    {
        if (!values.TryGetValue(UrlParameter.Metric, out var text))
        {
            return UsageMetrics.Default;
        }

        if (UsageMetrics.Find(text) is { } metric)
        {
            return metric;
        }

        var expected = string.Join(", ", UsageMetrics.All.Select(m => m.Key));
        errors.Add(new(UrlParameter.Metric, $"'{text}' is not a metric; expected {expected}."));
        return UsageMetrics.Default;
    }

    private static UsageSort ParseSort(Dictionary<string, string> values, List<ParameterError> errors)
    {
        if (!values.TryGetValue(UrlParameter.SortBy, out var text))
        {
            return UsageSort.Default;
        }

        if (UsageSort.TryParse(text) is { } sort)
        {
            return sort;
        }

        errors.Add(
            new(
                UrlParameter.SortBy,
                $"'{text}' is not a sort order; expected one of {string.Join(", ", UsageSort.Keys)}, "
                    + "optionally followed by -asc or -desc."
            )
        );
        return UsageSort.Default;
    }

    private static UsageDimension ParseMemoryBy(Dictionary<string, string> values, List<ParameterError> errors)
    {
        if (!values.TryGetValue(UrlParameter.By, out var text))
        {
            return UsageDimensions.Transformation;
        }

        UsageDimension? chosen = text switch
        {
            "transformation" => UsageDimensions.Transformation,
            "computingsite" => UsageDimensions.ComputingSite,
            _ => null,
        };
        if (chosen is null)
        {
            errors.Add(
                new(
                    UrlParameter.By,
                    $"'{text}' cannot group the memory histogram; expected transformation or computingsite."
                )
            );
        }

        return chosen ?? UsageDimensions.Transformation;
    }

    /// <summary>Usage is counted in whole UTC days: the last N days, today included, or a range of days.</summary>
    public static readonly WindowPolicy UsagePolicy = WindowPolicy.Days(DefaultDays) with
    {
        TakesHours = false,
        MaxDays = MaxDays,
        MaxRangeDays = MaxRangeDays,
        WholeDays = true,
    };

    private static UsageWindow? ParseWindow(
        Dictionary<string, string> values,
        DateTime nowUtc,
        List<ParameterError> errors
    ) =>
        TimeWindowParser.Parse(values, UsagePolicy, nowUtc, errors) switch
        {
            null => null,
            { IsRange: true } range => new UsageWindow(
                Unspecified(range.FromUtc!.Value),
                Unspecified(range.ToUtc!.Value),
                null
            ),
            var last => UsageWindow.LastDays(last.DurationCount, nowUtc),
        };

    private static DateTime Unspecified(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
}

public enum UsageView
{
    Usage,
    Memory,
}
