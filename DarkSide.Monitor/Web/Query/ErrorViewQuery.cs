using System.Globalization;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// The error view's selection, as its page, its live source, its CSV and BigPanDA's /errors/?json read it: the job
/// list's grammar, with the view's default window (JobList:ErrorsDefaultHours) made explicit as hours= so links to
/// job lists keep it; an ID filter without a window looks in all of history, as on the job list. sortby= orders the
/// view's own tables (BigPanDA's /errors/?sortby=count), so it is not the selection's and links do not carry it.
/// </summary>
public static class ErrorViewQuery
{
    /// <summary><paramref name="without"/> names parameters that are not the selection's (a CSV's table).</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Parameters, JobQueryParseResult Result) Read(
        UrlQuery url,
        JobQueryParser parser,
        ErrorViewOptions options,
        DateTime nowUtc,
        params string[] without
    )
    {
        without = [.. without, UrlParameter.SortBy];
        var parameters = url.Parameters.Where(p => !without.Contains(p.Key, StringComparer.OrdinalIgnoreCase)).ToList();
        var values = url.Without(without);
        if (
            !parameters.Any(p =>
                WindowPolicy.AllParameters.Contains(p.Key, StringComparer.OrdinalIgnoreCase)
                || JobFields.Find(p.Key) is { LiftsTimeWindow: true }
            )
        )
        {
            var hours = options.ErrorsDefaultHours.ToString(CultureInfo.InvariantCulture);
            parameters.Add(new(UrlParameter.Hours, hours));
            values[UrlParameter.Hours] = hours;
        }

        return (parameters, parser.Parse(values, nowUtc));
    }
}
