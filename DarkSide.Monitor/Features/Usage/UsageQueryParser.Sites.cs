using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>The hourly site views' URLs: a rolling window back from now, or a fixed range.</summary>
public static partial class UsageQueryParser
{
    /// <summary>
    /// /sites and /site/{name}: hours=N or days=N back from now (default a week); /sites also takes computingsite=
    /// in the job list's grammar.
    /// </summary>
    public static SiteParseResult ParseSiteWindow(
        IReadOnlyDictionary<string, StringValues> query,
        DateTime nowUtc,
        bool siteFilter = false
    )
    {
        var errors = new List<ParameterError>();
        var values = Single(query, errors);
        string[] known = siteFilter
            ?
            [
                UrlParameter.Hours,
                UrlParameter.Days,
                UrlParameter.DateFrom,
                UrlParameter.DateTo,
                UrlParameter.ComputingSite,
            ]
            : [UrlParameter.Hours, UrlParameter.Days, UrlParameter.DateFrom, UrlParameter.DateTo];
        foreach (var name in values.Keys.Where(k => !known.Contains(k)))
        {
            errors.Add(new(name, $"is not a parameter of this view; expected {string.Join(", ", known)}."));
        }

        var sites = siteFilter
            ? ParseFilters(values, [UsageDimensions.ComputingSite], errors).Select(f => f.Item2).FirstOrDefault()
            : null;
        if (values.ContainsKey(UrlParameter.Hours) && values.ContainsKey(UrlParameter.Days))
        {
            errors.Add(new(UrlParameter.Days, "cannot be combined with hours; give one of them."));
        }

        var hours = DefaultSiteHours;
        var (parameter, value) = (UrlParameter.Days, DefaultSiteHours / 24);
        if (values.TryGetValue(UrlParameter.Hours, out var hoursText))
        {
            hours = Whole(UrlParameter.Hours, hoursText, 1, MaxSiteHours, errors) ?? hours;
            (parameter, value) = ("hours", hours);
        }
        else if (values.TryGetValue(UrlParameter.Days, out var daysText))
        {
            var days = Whole(UrlParameter.Days, daysText, 1, MaxDays, errors) ?? 7;
            (hours, parameter, value) = (days * 24, UrlParameter.Days, days);
        }

        var range = SiteRange(values, nowUtc, errors);
        if (errors.Count > 0)
        {
            return new SiteParseResult(null, errors);
        }

        return new SiteParseResult(
            (range ?? SiteWindow.Last(hours, parameter, value, nowUtc)) with
            {
                SiteFilter = sites,
            },
            errors
        );
    }

    /// <summary>date_from/date_to (instants, UTC; date_to excluded, default now) for the hourly site views.</summary>
    private static SiteWindow? SiteRange(
        Dictionary<string, string> values,
        DateTime nowUtc,
        List<ParameterError> errors
    )
    {
        if (!values.ContainsKey(UrlParameter.DateFrom) && !values.ContainsKey(UrlParameter.DateTo))
        {
            return null;
        }

        if (values.ContainsKey(UrlParameter.Hours) || values.ContainsKey(UrlParameter.Days))
        {
            errors.Add(
                new(UrlParameter.DateFrom, "cannot be combined with hours or days; give a duration or a range.")
            );
            return null;
        }

        var from = JobQueryParser.ParseDate(values, UrlParameter.DateFrom, errors);
        var to = JobQueryParser.ParseDate(values, UrlParameter.DateTo, errors) ?? nowUtc;
        from ??= to.AddHours(-DefaultSiteHours);
        if (errors.Count > 0)
        {
            return null;
        }

        if (from >= to || (to - from.Value).TotalHours > MaxSiteHours)
        {
            errors.Add(
                new(
                    UrlParameter.DateFrom,
                    $"{from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm} is not a range of at most {MaxDays} days; "
                        + "expected date_from < date_to (UTC)."
                )
            );
            return null;
        }

        return SiteWindow.Between(from.Value, to);
    }
}
