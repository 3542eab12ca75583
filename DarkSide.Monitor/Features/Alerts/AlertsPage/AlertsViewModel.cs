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

    public TableOrder AlertOrder { get; private set; } = Default(AlertsTableOrders.Alerts.Spec);

    public TableOrder ResolvedOrder { get; private set; } = Default(AlertsTableOrders.Resolved.Spec);

    public TableOrder SilenceOrder { get; private set; } = Default(AlertsTableOrders.Silences.Spec);

    public TableOrder RuleOrder { get; private set; } = Default(AlertsTableOrders.Rules.Spec);

    private static TableOrder Default(TableSortSpec spec) => TableOrder.Default(spec, MonitorUrls.AlertsPath);

    /// <summary>The URL's parameters without the tables' orders: one live feed serves every order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Selection =>
        [.. Parameters.Where(p => !AlertsTableOrders.Parameters.Contains(p.Key))];

    public IReadOnlyList<AlertRow> Firing => Ordered(Report?.Firing);

    public IReadOnlyList<AlertRow> Pending => Ordered(Report?.Pending);

    public IReadOnlyList<AlertEvent> Resolved =>
        AlertsTableOrders.Resolved.Apply(ResolvedOrder.Sort, Report?.Resolved ?? []);

    public IReadOnlyList<GettableSilence> Silences =>
        AlertsTableOrders.Silences.Apply(SilenceOrder.Sort, Report?.Silences ?? []);

    public IReadOnlyList<AlertRuleRow> Rules => AlertsTableOrders.Rules.Apply(RuleOrder.Sort, Report?.Rules ?? []);

    private IReadOnlyList<AlertRow> Ordered(IEnumerable<AlertRow>? rows) =>
        AlertsTableOrders.Alerts.Apply(AlertOrder.Sort, rows ?? []);

    public bool Read(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        Parameters = url.Parameters;
        (Query, var errors) = AlertsQuery.Parse(url.Values, time.GetUtcNow().UtcDateTime);
        var orderErrors = new List<ParameterError>();
        AlertOrder = TableOrder.Read(AlertsTableOrders.Alerts.Spec, url, orderErrors);
        ResolvedOrder = TableOrder.Read(AlertsTableOrders.Resolved.Spec, url, orderErrors);
        SilenceOrder = TableOrder.Read(AlertsTableOrders.Silences.Spec, url, orderErrors);
        RuleOrder = TableOrder.Read(AlertsTableOrders.Rules.Spec, url, orderErrors);
        Errors = [.. errors, .. orderErrors];
        Query = Errors.Count == 0 ? Query : null;
        var selection = string.Join("&", Selection.Select(p => p.Key + "=" + p.Value));
        if (selection != _selection)
        {
            // Another selection is another report; another order of the same one keeps the rows to re-sort.
            (Report, _selection) = (null, selection);
        }

        return Query is not null;
    }

    public void Apply(LiveState<AlertsReport> state) => (Problem, Report) = (state.Problem, state.Value ?? Report);

    /// <summary>"since 03:12 (41 min)": when an alert fired or went pending, and how long ago.</summary>
    public static string Since(DateTime utc, DateTime nowUtc) =>
        utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        + $" UTC ({DisplayText.Length(nowUtc - utc)} ago)";

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
