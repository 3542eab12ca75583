namespace DarkSide.Monitor.Features.Alerts;

/// <summary>An alert with what Alertmanager did with it (silenced or inhibited), when it knows it.</summary>
public sealed record AlertRow(AlertInstance Alert, IReadOnlyList<string> SilencedBy, IReadOnlyList<string> InhibitedBy)
{
    public bool Muted => SilencedBy.Count > 0 || InhibitedBy.Count > 0;
}

/// <summary>A configured rule as /alerts lists it.</summary>
public sealed record AlertRuleRow(string Name, bool Enabled, string Condition, string For, string Severity);

/// <summary>
/// What /alerts shows as of one instant: the kept alerts (pending, firing, resolved not yet delivered), those that
/// resolved in the window, the rules, Alertmanager's silences and how delivery goes.
/// </summary>
public sealed record AlertsReport(
    DateTime AsOfUtc,
    IReadOnlyList<AlertRow> Current,
    IReadOnlyList<AlertEvent> Resolved,
    IReadOnlyList<AlertRuleRow> Rules,
    IReadOnlyList<GettableSilence> Silences,
    AlertDeliveryStatus Delivery
)
{
    /// <summary>Set when Alertmanager is configured but could not be asked (silences and mutes unknown).</summary>
    public string? AlertmanagerProblem { get; init; }

    public bool AlertmanagerConfigured { get; init; }

    public string? AlertmanagerUrl { get; init; }

    public IEnumerable<AlertRow> Firing => Current.Where(r => r.Alert.State == AlertState.Firing);

    public IEnumerable<AlertRow> Pending => Current.Where(r => r.Alert.State == AlertState.Pending);
}
