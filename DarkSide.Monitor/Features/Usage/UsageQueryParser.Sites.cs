using DarkSide.Monitor.Web.Controls;
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
        var values = QueryValues.ReadSingle(query, errors, keepEmpty: true);
        string[] known = siteFilter
            ? [.. SitePolicy.Parameters, UrlParameter.ComputingSite, UrlParameter.SortBy]
            : [.. SitePolicy.Parameters, JobErrorSort.Spec.Parameter];
        foreach (var name in values.Keys.Where(k => !known.Contains(k)))
        {
            errors.Add(new(name, $"is not a parameter of this view; expected {string.Join(", ", known)}."));
        }

        var sites = siteFilter
            ? ParseFilters(values, [UsageDimensions.ComputingSite], errors).Select(f => f.Item2).FirstOrDefault()
            : null;
        var sort = siteFilter ? SiteSort.Spec.Parse(values, errors) : SiteSort.Spec.Default;
        var codes = JobErrorSort.Spec.Parse(values, errors);
        var window = TimeWindowParser.Parse(values, SitePolicy, nowUtc, errors);
        if (errors.Count > 0 || window is null)
        {
            return new SiteParseResult(null, errors);
        }

        var site = window.IsRange
            ? SiteWindow.Between(window.FromUtc!.Value, window.ToUtc ?? nowUtc)
            : SiteWindow.Last(
                (int)window.Duration!.Value.TotalHours,
                window.DurationParameter!,
                window.DurationCount,
                nowUtc
            );
        return new SiteParseResult(site with { SiteFilter = sites }, errors) { Sort = sort, Codes = codes };
    }

    /// <summary>The hourly site views: hours or days back from now (a week by default), or a range of
    /// instants.</summary>
    public static readonly WindowPolicy SitePolicy = WindowPolicy.Days(DefaultSiteHours / 24) with
    {
        MaxDays = MaxDays,
        MaxRangeDays = MaxDays,
    };
}
