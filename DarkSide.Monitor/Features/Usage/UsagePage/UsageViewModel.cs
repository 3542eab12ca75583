using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// /usage: the URL read into a <see cref="UsageQuery"/>, the report turned into charts and tables, every link.
/// </summary>
public sealed class UsageViewModel(TimeProvider time)
{
    public UsageQuery? Query { get; private set; }

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public UsageReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public UsageMetric Metric => UsageMetrics.Find(Query?.Metric ?? "") ?? UsageMetrics.Default;

    public bool Read(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        (var query, Parameters) = (url.Values, url.Parameters);
        var parsed = UsageQueryParser.Parse(query, time.GetUtcNow().UtcDateTime, UsageView.Usage);
        (Query, Errors, Report) = (parsed.Query, parsed.Errors, null);
        return Query is not null;
    }

    public void Apply(LiveState<UsageReport> state)
    {
        Problem = state.Problem;
        Report = state.Value ?? Report;
    }

    /// <summary>Finished and failed jobs per day over all sites shown, stacked.</summary>
    public ChartSpec JobsChart
    {
        get
        {
            var days = Days;
            var byDay = Report!
                .Days.GroupBy(d => d.Day)
                .ToDictionary(g => g.Key, g => UsageSql.Sum(g.Select(d => d.Totals)));
            return new ChartSpec(
                "jobs",
                "day (UTC)",
                "jobs per day",
                [
                    new ChartSeries(
                        "finished",
                        days,
                        days.Select(d => (double?)(byDay.GetValueOrDefault((DateTime)d)?.Finished ?? 0)).ToList()
                    ),
                    new ChartSeries(
                        "failed",
                        days,
                        days.Select(d => (double?)(byDay.GetValueOrDefault((DateTime)d)?.Failed ?? 0)).ToList()
                    ),
                ],
                Stacked: true,
                XAxis: ChartAxis.Date
            )
            {
                YHover = ",d",
                YUnit = "jobs",
            };
        }
    }

    /// <summary>The chosen metric per site per day: stacked bars for amounts, lines for ratios.</summary>
    public ChartSpec MetricChart
    {
        get
        {
            var days = Days;
            var metric = Metric;
            var series = Report!
                .Days.GroupBy(d => d.ComputingSite)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(site =>
                {
                    var byDay = site.ToDictionary(d => d.Day, d => d.Totals);
                    return new ChartSeries(
                        SiteName(site.Key),
                        days,
                        days.Select(d =>
                                byDay.TryGetValue((DateTime)d, out var t) ? t.Value(metric.Key)
                                : metric.Stacked ? 0
                                : null
                            )
                            .ToList(),
                        Line: !metric.Stacked
                    );
                })
                .ToList();
            return new ChartSpec(
                metric.Key,
                "day (UTC)",
                $"{metric.Title} ({metric.Unit})",
                series,
                Stacked: metric.Stacked,
                XAxis: ChartAxis.Date
            )
            {
                YUnit = metric.Unit,
                YHover = metric.Key is "jobs" or "events" ? ",d" : ",.2f",
            };
        }
    }

    private List<object> Days => Query!.Window.EachDay().Select(d => (object)d).ToList();

    public static string SiteName(string value) => value.Length == 0 ? TextPattern.NotSpecified : value;

    public string Link(string? name, string? value) =>
        MonitorUrls.With(MonitorUrls.UsagePath, Parameters, name ?? "", value);

    /// <summary>Drill down: the whole page for one site, user, working group, transformation or activity.</summary>
    public string DrillDown(UsageDimension dimension, string value) => Link(dimension.Parameter, SiteName(value));

    public string SortLink(string key) =>
        Link(
            UrlParameter.SortBy,
            Query!.Sort.Key == key
                ? new UsageSort(key, !Query.Sort.Descending).ToString()
                : new UsageSort(key, key != "name").ToString()
        );

    public string CsvLink(string table) =>
        MonitorUrls.With(
            MonitorUrls.UsagePath + "/csv",
            Parameters
                .Where(p => p.Key is not (UrlParameter.Metric or UrlParameter.Table))
                .Append(new(UrlParameter.Table, table))
        );

    public string JobsLink(UsageDimension? dimension, string? value, string? jobStatus = null) =>
        UsageJobLinks.Jobs(
            Query!.Window.From,
            Query.Window.To,
            Query.Filters.Concat(dimension is null ? [] : [(dimension, value!)]),
            jobStatus
        );

    public string WindowText => Query?.Window.Text ?? "";

    /// <summary>This view over the whole days of a range selected on a daily chart.</summary>
    public string RangeUrl(DateTime fromUtc, DateTime toUtc) =>
        MonitorUrls.WindowRange(MonitorUrls.UsagePath, Parameters, fromUtc, toUtc, wholeDays: true);
}
