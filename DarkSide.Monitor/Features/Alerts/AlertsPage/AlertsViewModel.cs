using System.Globalization;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>/alerts: its URL read into a query, the live report, and the texts and links the page shows.</summary>
public sealed class AlertsViewModel(TimeProvider time)
{
    public AlertsQuery? Query { get; private set; }

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public AlertsReport? Report { get; private set; }

    public string? Problem { get; private set; }

    private string? _selection;

    public bool Read(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        Parameters = url.Parameters;
        (Query, Errors) = AlertsQuery.Parse(url.Values, time.GetUtcNow().UtcDateTime);
        if (url.Selection != _selection)
        {
            (Report, _selection) = (null, url.Selection);
        }

        return Query is not null;
    }

    public void Apply(LiveState<AlertsReport> state) => (Problem, Report) = (state.Problem, state.Value ?? Report);

    /// <summary>"since 03:12 (41 min)": when an alert fired or went pending, and how long ago.</summary>
    public static string Since(DateTime utc, DateTime nowUtc) =>
        $"{utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({DisplayText.Length(nowUtc - utc)} ago)";

    /// <summary>The rule's measure (a failure %, a number of jobs); rules that only state a fact have none.</summary>
    public static string Value(AlertInstance alert) =>
        alert.Value == 0 || alert.Rule == AlertEvaluator.PandaUnreadable ? ""
        : alert.Rule is "SiteFailureRate" or "TaskInTrouble"
            ? alert.Value.ToString("0.#", CultureInfo.InvariantCulture) + " %"
        : alert.Value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The monitor's own link for the alert's evidence, relative so that it stays on this host.</summary>
    public static string? EvidenceLink(AlertInstance alert, string monitorUrl) =>
        alert.Annotations.GetValueOrDefault(AlertLabels.Jobs) is { } link
            ? monitorUrl.Length > 0 && link.StartsWith(monitorUrl.TrimEnd('/'), StringComparison.Ordinal)
                ? link[monitorUrl.TrimEnd('/').Length..]
                : link
            : null;

    /// <summary>This page with one filter set (or removed).</summary>
    public string With(string name, string? value) => MonitorUrls.With(MonitorUrls.AlertsPath, Parameters, name, value);
}
