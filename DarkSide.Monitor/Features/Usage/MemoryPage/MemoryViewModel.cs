using System.Globalization;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// /memory: max PSS per core against the request, per transformation or site, per day, and the jobs and tasks to look
/// at.
/// </summary>
public sealed class MemoryViewModel(TimeProvider time)
{
    /// <summary>More groups than this make the histogram unreadable; the CSV has them all.</summary>
    public const int ChartGroups = 8;

    public UsageQuery? Query { get; private set; }

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public MemoryReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public bool Read(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        _url = url;
        (var query, Parameters) = (url.Values, url.Parameters);
        var parsed = UsageQueryParser.Parse(query, time.GetUtcNow().UtcDateTime, UsageView.Memory);
        (Query, Errors) = (parsed.Query, parsed.Errors);
        if (url.Selection != _selection)
        {
            // Another window or filter is another report; another order of its tables keeps it to re-sort.
            (Report, _selection) = (null, url.Selection);
        }

        return Query is not null;
    }

    private UrlQuery? _url;

    private string? _selection;

    /// <summary>One of the page's tables' order, with its headers' links (<see cref="MemoryTableOrders"/>).</summary>
    public TableOrder Order(TableSortSpec spec) =>
        _url is null || Query is null
            ? TableOrder.Default(spec, MonitorUrls.MemoryPath)
            : TableOrder.Of(spec, Query.MemorySort(spec), _url.Path, _url.Parameters);

    public void Apply(LiveState<MemoryReport> state) => (Problem, Report) = (state.Problem, state.Value ?? Report);

    public ChartSpec HistogramChart
    {
        get
        {
            var shown = Report!.Histograms.Take(ChartGroups).ToList();
            var x = Enumerable
                .Range(0, UsageBuckets.PssBucketCount)
                .Select(i => (object)(UsageBuckets.PssLowerGb(i) + UsageBuckets.PssBucketGb / 2))
                .ToList();
            return new ChartSpec(
                "pss-histogram",
                "max PSS per core (GB, bucket centre; the last bucket is ≥ 6 GB)",
                "jobs",
                shown
                    .Select(h => new ChartSeries(
                        UsageViewModel.SiteName(h.Group),
                        x,
                        h.Buckets.Select(c => (double?)c).ToList()
                    ))
                    .ToList(),
                Stacked: true,
                XAxis: ChartAxis.Linear
            )
            {
                YHover = ",d",
                YUnit = "jobs",
                Markers = shown
                    .Where(h => h.MeanRequestGb is not null)
                    .GroupBy(h => Math.Round(h.MeanRequestGb!.Value, 2))
                    .Select(g => new ChartMarker(
                        g.Key,
                        $"requested {g.Key.ToString("0.00", CultureInfo.InvariantCulture)} GB/core"
                    ))
                    .ToList(),
            };
        }
    }

    public ChartSpec DailyChart
    {
        get
        {
            var days = Report!.Days.Select(d => (object)d.Day).ToList();
            return new ChartSpec(
                "pss-daily",
                "day (UTC)",
                "max PSS per core (GB)",
                [
                    new ChartSeries("p50", days, Report.Days.Select(d => d.P50Gb).ToList(), Line: true),
                    new ChartSeries("p95", days, Report.Days.Select(d => d.P95Gb).ToList(), Line: true),
                    new ChartSeries("max", days, Report.Days.Select(d => d.MaxGb).ToList(), Line: true),
                ],
                XAxis: ChartAxis.Date
            )
            {
                YHover = ",.2f",
                YUnit = "GB/core",
            };
        }
    }

    /// <summary>This view over the whole days of a range selected on the daily chart.</summary>
    public string RangeUrl(DateTime fromUtc, DateTime toUtc) =>
        MonitorUrls.WindowRange(MonitorUrls.MemoryPath, Parameters, fromUtc, toUtc, wholeDays: true);

    public string Link(string name, string? value) => MonitorUrls.With(MonitorUrls.MemoryPath, Parameters, name, value);

    public string CsvLink(string table) =>
        MonitorUrls.With(
            MonitorUrls.MemoryPath + "/csv",
            Parameters.Where(p => p.Key != UrlParameter.Table).Append(new(UrlParameter.Table, table))
        );

    public string GroupJobsLink(string group) =>
        UsageJobLinks.Jobs(Query!.Window.From, Query.Window.To, Query.Filters.Append((Query.MemoryBy, group)));

    public static string TaskJobsLink(long jediTaskId) => MonitorUrls.Jobs(new JobLink { JediTaskId = jediTaskId });

    public static string Gb(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public string WindowText => Query?.Window.Text ?? "";
}
