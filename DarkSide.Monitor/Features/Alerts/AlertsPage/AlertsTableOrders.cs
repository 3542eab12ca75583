using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// /alerts' tables and the columns each sorts by: the firing and pending alerts (sortby=, the worst first: severity,
/// then the longest firing), the resolved ones (resolved_sortby=, newest first), the silences (silences_sortby=,
/// ending first) and the rules (rules_sortby=).
/// </summary>
public static class AlertsTableOrders
{
    public const string Rule = "rule";
    public const string Site = "site";
    public const string Value = "value";
    public const string Since = "since";
    public const string Severity = "severity";

    public static readonly SortColumns<AlertRow> Alerts = new(
        UrlParameter.SortBy,
        new TableSort(Severity, false),
        new(Rule, r => r.Alert.Rule, IsName: true),
        new(Site, r => r.Alert.Label(AlertLabels.ComputingSite) ?? r.Alert.Label(AlertLabels.JediTaskId), IsName: true),
        new(Value, r => r.Alert.Value),
        // The longest firing first: an earlier start is "more".
        new(Since, r => -(r.Alert.FiredAtUtc ?? r.Alert.ActiveSinceUtc).Ticks),
        new(Severity, r => SeverityRank(r.Alert.Label(AlertLabels.Severity)), IsName: true)
    );

    public static readonly SortColumns<AlertEvent> Resolved = new(
        "resolved_sortby",
        new TableSort("resolved", true),
        new(Rule, e => e.Alert.Rule, IsName: true),
        new(Site, e => e.Alert.Label(AlertLabels.ComputingSite) ?? e.Alert.Label(AlertLabels.JediTaskId), IsName: true),
        new("fired", e => e.Alert.FiredAtUtc),
        new("resolved", e => e.AtUtc),
        new("duration", e => e.Alert.FiredAtUtc is { } fired ? e.AtUtc - fired : null)
    );

    public static readonly SortColumns<GettableSilence> Silences = new(
        "silences_sortby",
        new TableSort("ends", false),
        new("matches", s => string.Join(",", s.Matchers.Select(m => m.Name + "=" + m.Value)), IsName: true),
        new("comment", s => s.Comment, IsName: true),
        new("createdby", s => s.CreatedBy, IsName: true),
        new("ends", s => s.EndsAt)
    );

    public static readonly SortColumns<AlertRuleRow> Rules = new(
        "rules_sortby",
        new TableSort(Rule, false),
        new(Rule, r => r.Name, IsName: true),
        new("for", r => AlertDuration.TryParse(r.For, out var span) ? span : null),
        new(Severity, r => SeverityRank(r.Severity), IsName: true)
    );

    /// <summary>Every order parameter of the page (none of them changes what is read).</summary>
    public static readonly IReadOnlyList<string> Parameters =
    [
        Alerts.Spec.Parameter,
        Resolved.Spec.Parameter,
        Silences.Spec.Parameter,
        Rules.Spec.Parameter,
    ];

    /// <summary>page, warning, info: the most urgent first when sorted by name.</summary>
    private static int SeverityRank(string? severity) =>
        ValidateAlertOptions.Severities.ToList().IndexOf(severity ?? "");
}
