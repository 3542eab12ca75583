using System.Globalization;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>/sites and /site/{name}: the rolling window read from the URL, and links that keep it.</summary>
public sealed class SitesViewModel(TimeProvider time)
{
    public SiteWindow? Window { get; private set; }

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    private string? _selection;

    public SitesReport? Sites { get; private set; }

    /// <summary>/sites: the order of its table.</summary>
    public TableSort Sort { get; private set; } = SiteSort.Spec.Default;

    /// <summary>The sites in the URL's order.</summary>
    public IReadOnlyList<SiteRow> SortedSites => Sites is null ? [] : SiteSort.Sorted(Sites.Sites, Sort);

    public string SortUrl(string key) =>
        MonitorUrls.With(
            MonitorUrls.SitesPath,
            Parameters,
            UrlParameter.SortBy,
            SiteSort.Spec.Next(Sort, key).ToString()
        );

    public string SortMark(string key) => TableSortSpec.Mark(Sort, key);

    /// <summary>/site/{name}: the order of its top errors.</summary>
    public TableOrder CodeOrder { get; private set; } = TableOrder.Default(JobErrorSort.Spec, MonitorUrls.SitesPath);

    private static bool IsOrder(string parameter) =>
        parameter == UrlParameter.SortBy || TableSortSpec.OrdersShownRows(parameter);

    public SiteReport? Site { get; private set; }

    public string? Problem { get; private set; }

    public bool Read(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        (var query, Parameters) = (url.Values, url.Parameters);
        var parsed = UsageQueryParser.ParseSiteWindow(
            query,
            time.GetUtcNow().UtcDateTime,
            siteFilter: url.PathSegments[0] == "sites"
        );
        (Window, Errors, Sort) = (parsed.Window, parsed.Errors, parsed.Sort);
        CodeOrder = TableOrder.Of(JobErrorSort.Spec, parsed.Codes, url.Path, url.Parameters);
        var selection =
            string.Join("/", url.PathSegments)
            + "?"
            + string.Join("&", Parameters.Where(p => !IsOrder(p.Key)).Select(p => p.Key + "=" + p.Value));
        if (selection != _selection)
        {
            // Another window or site is another count; another order of the same one keeps the rows to re-sort.
            (Sites, Site, _selection) = (null, null, selection);
        }
        return Window is not null;
    }

    public void Apply(LiveState<SitesReport> state) => (Problem, Sites) = (state.Problem, state.Value ?? Sites);

    public void Apply(LiveState<SiteReport> state) => (Problem, Site) = (state.Problem, state.Value ?? Site);

    /// <summary>The window exactly as counted; the job list and the error view count the same jobs for it.</summary>
    public string WindowText =>
        Window is null ? ""
        : Window.IsRange ? DisplayText.ExactRange(Window.From, Window.AsOf)
        : "the last "
            + Window.Value.ToString(CultureInfo.InvariantCulture)
            + (Window.Parameter == UrlParameter.Days ? " days: " : " hours: ")
            + DisplayText.ExactRange(Window.From, Window.AsOf);

    private IEnumerable<KeyValuePair<string, string>> WindowParameter =>
        Window!.IsRange
            ? [new(UrlParameter.DateFrom, Instant(Window.From)), new(UrlParameter.DateTo, Instant(Window.AsOf))]
            : [new(Window.Parameter, Window.Value.ToString(CultureInfo.InvariantCulture))];

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A queue's page over a range selected on one of its hourly charts.</summary>
    public string RangeUrl(string computingSite, DateTime fromUtc, DateTime toUtc) =>
        MonitorUrls.WindowRange(MonitorUrls.Site(computingSite, []), Parameters, fromUtc, toUtc, wholeDays: false);

    public string SiteLink(string computingSite) => MonitorUrls.Site(computingSite, WindowParameter);

    public string CsvLink(string? computingSite) =>
        computingSite is null
            ? MonitorUrls.With(
                MonitorUrls.SitesPath + "/csv",
                WindowParameter
                    .Concat(Window?.SiteFilter is { } sites ? [new(UrlParameter.ComputingSite, sites)] : [])
                    .Concat(Sort == SiteSort.Spec.Default ? [] : [new(UrlParameter.SortBy, Sort.ToString())])
            )
            : "/site/" + Uri.EscapeDataString(computingSite) + "/csv" + MonitorUrls.With("", WindowParameter);

    /// <summary>
    /// The job list of a site over the same window; the job list reads hours= and days= the same way.
    /// </summary>
    public string JobsLink(string computingSite, string? jobStatus) =>
        MonitorUrls.Jobs(
            new JobLink
            {
                Window = LinkToWindow,
                ComputingSite = UsageViewModel.SiteName(computingSite),
                JobStatus = jobStatus,
            }
        );

    public string ErrorsLink(string computingSite) =>
        MonitorUrls.Errors(new JobLink { Window = LinkToWindow, ComputingSite = computingSite });

    private LinkWindow LinkToWindow => LinkFor(Window!);

    /// <summary>The job list's window for a site view's: the same hours, days or range.</summary>
    public static LinkWindow LinkFor(SiteWindow window) =>
        window.IsRange ? LinkWindow.Between(window.From, window.AsOf)
        : window.Parameter == UrlParameter.Days ? LinkWindow.Days(window.Value)
        : LinkWindow.Hours(window.Value);

    public static string WindowLink(string path, int days) =>
        MonitorUrls.With(path, [new(UrlParameter.Days, days.ToString(CultureInfo.InvariantCulture))]);

    public ChartSpec JobsPerHourChart =>
        new(
            "site-jobs",
            "hour (UTC)",
            "jobs ended per hour",
            [
                new ChartSeries("finished", Hours, Site!.Hours.Select(h => (double?)h.Finished).ToList()),
                new ChartSeries("failed", Hours, Site.Hours.Select(h => (double?)h.Failed).ToList()),
            ],
            Stacked: true,
            XAxis: ChartAxis.Date
        )
        {
            YHover = ",d",
            YUnit = "jobs",
            XBin = TimeSpan.FromHours(1),
        };

    public ChartSpec RunningCoresChart =>
        new(
            "site-cores",
            "hour (UTC)",
            "running cores (hourly mean)",
            [
                new ChartSeries(
                    "running cores",
                    Hours,
                    Site!.Hours.Select(h => (double?)Math.Round(h.RunningCores, 2)).ToList(),
                    Line: true
                ),
            ],
            XAxis: ChartAxis.Date
        )
        {
            YUnit = "cores",
            XBin = TimeSpan.FromHours(1),
        };

    private List<object> Hours => Site!.Hours.Select(h => (object)h.Hour).ToList();
}
