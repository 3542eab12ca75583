using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// The overview's state and links: the window and order read from the URL, the sites ranked, and links that open
/// exactly the jobs a number counts (they carry the snapshot's window as date_from/date_to).
/// </summary>
public sealed class OverviewViewModel(TimeProvider time, FailureWarningOptions warning)
{
    /// <summary>The states shown as columns, working ones first, in PanDA's lifecycle order.</summary>
    public static readonly IReadOnlyList<string> States = PandaJobStatus.Lifecycle;

    public OverviewQuery? Query { get; private set; }

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public OverviewSnapshot? Snapshot { get; private set; }

    public DateTime? UpdatedUtc { get; private set; }

    public string? Problem { get; private set; }

    public FailureWarningOptions Warning => warning;

    public bool Read(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        Parameters = url.Parameters;
        var feed = Query?.FeedKey;
        (Query, Errors) = OverviewQuery.Parse(url.Values, time.GetUtcNow().UtcDateTime);
        if (Query?.FeedKey != feed)
        {
            // Another window is another count; another order of the same one keeps the rows while it re-sorts.
            Snapshot = null;
        }

        return Query is not null;
    }

    public void Apply(LiveState<OverviewSnapshot> state)
    {
        Problem = state.Problem;
        if (state.Value is { } snapshot)
        {
            Snapshot = snapshot;
            UpdatedUtc = state.UpdatedUtc;
        }
    }

    /// <summary>The states any site has, so empty columns stay out.</summary>
    public IReadOnlyList<string> ShownStates =>
        Snapshot is null ? [] : States.Where(s => Snapshot.Sites.Any(site => site.Count(s) > 0)).ToList();

    /// <summary>The sites in the URL's order (worst failure % first by default).</summary>
    public IReadOnlyList<SiteStates> Sites => Snapshot is null ? [] : Sorted(Snapshot.Sites, Query!.Sort);

    /// <summary>
    /// Sites in an order of the site table; ties go to more failed jobs, then to the name, so a site with one failed
    /// job of one does not outrank one with a hundred of a hundred.
    /// </summary>
    public static IReadOnlyList<SiteStates> Sorted(IEnumerable<SiteStates> sites, TableSort sort)
    {
        var tieBroken = sites
            .OrderByDescending(s => s.Count(PandaJobStatus.Failed))
            .ThenBy(s => s.Site, StringComparer.Ordinal);
        return TableSortSpec.Order(
            tieBroken,
            sort,
            (site, key) =>
                key switch
                {
                    OverviewQuery.SiteKey => site.Site,
                    OverviewQuery.FailureKey => site.FailurePercent,
                    OverviewQuery.TopErrorKey => site.TopErrors.Count == 0 ? null : site.TopErrors.Max(e => e.Jobs),
                    _ => site.Count(key),
                }
        );
    }

    public bool IsFailing(SiteStates site) => warning.IsFailing(site.FailurePercent);

    public string UpdatedText =>
        UpdatedUtc is { } updated
            ? "updated " + updated.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "";

    /// <summary>The window as counted: "2026-12-07 01:32 → 07:32 UTC (6 h)".</summary>
    public string WindowText => Snapshot is null ? "" : DisplayText.ExactRange(Snapshot.FromUtc, Snapshot.AsOfUtc);

    /// <summary>The hours= choice currently shown, if the window is one.</summary>
    public bool IsWindow(int hours) =>
        Query?.Window is { Duration: { } span, IsRange: false } && span == TimeSpan.FromHours(hours);

    public string WindowUrl(int hours) =>
        MonitorUrls.With(
            "/",
            Parameters.Where(p => !WindowPolicy.AllParameters.Contains(p.Key)).ToList(),
            UrlParameter.Hours,
            hours.ToString(CultureInfo.InvariantCulture)
        );

    public string SortUrl(string key) =>
        MonitorUrls.With(
            "/",
            Parameters,
            UrlParameter.SortBy,
            OverviewQuery.SiteSort.Next(Query!.Sort, key).ToString()
        );

    public string SortMark(string key) => TableSortSpec.Mark(Query!.Sort, key);

    public TableOrder StalledOrder => TableOrder.Of(OverviewQuery.StalledSort, Query!.Stalled, "/", Parameters);

    public TableOrder CodeOrder => TableOrder.Of(JobErrorSort.Spec, Query!.Codes, "/", Parameters);

    /// <summary>The stalled jobs in the table's order.</summary>
    public IReadOnlyList<StalledJob> Stalled => Snapshot is null ? [] : SortedStalled(Snapshot.Stalled, Query!.Stalled);

    /// <summary>Stalled jobs in an order of their table (the page's and the CSV's).</summary>
    public static IReadOnlyList<StalledJob> SortedStalled(IEnumerable<StalledJob> jobs, TableSort sort) =>
        OverviewQuery.StalledColumns.Apply(sort, jobs);

    private JobLink Window => new() { Window = LinkWindow.Between(Snapshot!.FromUtc, Snapshot.AsOfUtc) };

    public string SiteUrl(string? site, string? status) =>
        MonitorUrls.Jobs(Window with { ComputingSite = JobLink.Value(site), JobStatus = status });

    public string ErrorUrl(JobErrorCount error) =>
        MonitorUrls.Jobs(Window with { Error = (error.CodeColumn, error.Code), JobStatus = PandaJobStatus.Failed });

    public string SiteErrorUrl(string? site, SiteError error) =>
        MonitorUrls.Jobs(
            Window with
            {
                ComputingSite = JobLink.Value(site),
                Error = (error.CodeColumn, error.Code),
                JobStatus = PandaJobStatus.Failed,
            }
        );

    /// <summary>The error summary of one site over the same window.</summary>
    public string SiteErrorsUrl(string? site) =>
        MonitorUrls.Errors(Window with { ComputingSite = JobLink.Value(site) });

    public string ErrorsUrl => MonitorUrls.Errors(Window);

    /// <summary>A description of a code from the window's top errors, or of the pilot's code table.</summary>
    public string? Describe(SiteError error) =>
        Snapshot?.TopErrors.FirstOrDefault(e => e.Component == error.Component && e.Code == error.Code)?.Description
        ?? (error.Component == "pilot" ? PilotErrorCodes.Describe(error.Code) : null);

    /// <summary>
    /// One of the overview's tables (sites, errors, stalled) as CSV, over the page's window and order.
    /// </summary>
    public string CsvUrl(string table) =>
        MonitorUrls.With(OverviewExportEndpoints.Path, [new(UrlParameter.Table, table), .. Parameters]);

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public string StalledSince(StalledJob job) =>
        JobTiming.FormatDhms((Snapshot?.AsOfUtc ?? job.StateChangeTime) - job.StateChangeTime);

    /// <summary>What a site's sparkline shows, for its tooltip and screen readers.</summary>
    public string SparklineText(SiteStates site) =>
        Snapshot is null
            ? ""
            : $"Failed jobs per {BinText}, oldest first: "
                + string.Join(", ", site.Bins.Select(b => b.Failed.ToString(CultureInfo.InvariantCulture)));

    private string BinText =>
        Snapshot!.BinWidth.TotalMinutes is var minutes && minutes >= 60 && minutes % 60 == 0
            ? DisplayText.Length(Snapshot.BinWidth)
            : $"{Math.Round(minutes).ToString(CultureInfo.InvariantCulture)} min";
}
