using System.Globalization;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Rollups;
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

    private static readonly string[] WindowParameters = [UrlParameter.Days, UrlParameter.DateFrom, UrlParameter.DateTo];

    /// <summary>/usage (metric, sortby) and /memory (by) share the window and the filters.</summary>
    public static UsageParseResult Parse(
        IReadOnlyDictionary<string, StringValues> query,
        DateTime nowUtc,
        UsageView view
    )
    {
        var errors = new List<ParameterError>();
        var values = Single(query, errors);
        var allowed =
            view == UsageView.Memory
                ? new[] { UsageDimensions.ComputingSite, UsageDimensions.Transformation }
                : UsageDimensions.Filterable;
        var extra = view == UsageView.Memory ? new[] { UrlParameter.By } : [UrlParameter.Metric, UrlParameter.SortBy];
        RefuseUnknown(values, allowed, extra, errors);
        var window = ParseWindow(values, nowUtc, errors);
        var filters = ParseFilters(values, allowed, errors);
        var metric = ParseMetric(values, errors);
        var sort = ParseSort(values, errors);
        var by = ParseMemoryBy(values, errors);
        return errors.Count > 0 || window is null
            ? new UsageParseResult(null, errors)
            : new UsageParseResult(
                new UsageQuery(window, filters)
                {
                    Metric = metric.Key,
                    Sort = sort,
                    MemoryBy = by,
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
        var known = WindowParameters.Concat(extra).Concat(allowed.Select(d => d.Parameter)).ToList();
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

    private static UsageWindow? ParseWindow(
        Dictionary<string, string> values,
        DateTime nowUtc,
        List<ParameterError> errors
    )
    {
        var hasRange = values.ContainsKey(UrlParameter.DateFrom) || values.ContainsKey(UrlParameter.DateTo);
        if (values.TryGetValue(UrlParameter.Days, out var daysText))
        {
            if (hasRange)
            {
                errors.Add(
                    new(
                        UrlParameter.Days,
                        "cannot be combined with date_from/date_to; give either a number of days or a date range."
                    )
                );
                return null;
            }

            return Whole(UrlParameter.Days, daysText, 1, MaxDays, errors) is { } days
                ? UsageWindow.LastDays(days, nowUtc)
                : null;
        }

        if (!hasRange)
        {
            return UsageWindow.LastDays(DefaultDays, nowUtc);
        }

        var from = Date(UrlParameter.DateFrom, values, errors);
        var to = Date(UrlParameter.DateTo, values, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        to ??= UsageAggregator.DayFloor(nowUtc).AddDays(1);
        from ??= to.Value.AddDays(-DefaultDays);
        if (from >= to)
        {
            errors.Add(
                new(
                    "date_from",
                    $"{from:yyyy-MM-dd} is not before date_to {to:yyyy-MM-dd}; expected date_from < date_to "
                        + $"(date_to is the first day not counted)."
                )
            );
            return null;
        }

        if ((to.Value - from.Value).TotalDays > MaxRangeDays)
        {
            errors.Add(
                new(
                    "date_to",
                    $"the range {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {(to.Value - from.Value).TotalDays:N0} "
                        + $"days; expected at most {MaxRangeDays}."
                )
            );
            return null;
        }

        return new UsageWindow(from.Value, to.Value, null);
    }

    private static DateTime? Date(string name, Dictionary<string, string> values, List<ParameterError> errors)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return
                JobQueryParser.InDateRange(name, text, DateTime.SpecifyKind(date, DateTimeKind.Utc), errors)
                    is { } inRange
                ? DateTime.SpecifyKind(inRange, DateTimeKind.Unspecified)
                : null;
        }

        errors.Add(
            new(
                name,
                $"'{text}' is not a date; expected a UTC day such as 2026-10-01 (usage is counted in whole days)."
            )
        );
        return null;
    }

    private static int? Whole(string name, string text, int min, int max, List<ParameterError> errors)
    {
        if (
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= min
            && number <= max
        )
        {
            return number;
        }

        errors.Add(new(name, $"'{text}' is not a whole number from {min} to {max}."));
        return null;
    }

    private static Dictionary<string, string> Single(
        IReadOnlyDictionary<string, StringValues> query,
        List<ParameterError> errors
    )
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            var name = key.ToLowerInvariant();
            if (value.Count != 1)
            {
                errors.Add(new(name, "is given more than once; expected one value."));
                continue;
            }

            if (!JobQueryParser.ControlCharacter(name, value.ToString(), errors))
            {
                values[name] = value.ToString().Trim();
            }
        }

        return values;
    }
}

public enum UsageView
{
    Usage,
    Memory,
}
