namespace DarkSide.Monitor.Features.Alerts;

public enum AlertState
{
    Pending,
    Firing,
    Resolved,
}

/// <summary>
/// One finding of a rule at one evaluation: its labels (identity and routing: alertname, severity, computingsite,
/// ...), its annotations (summary, description, the link to the jobs that explain it) and its value.
/// Both are seen by people without blind access: counts, codes, sites and task IDs only.
/// </summary>
public sealed record AlertSample(
    string Rule,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    double Value
)
{
    /// <summary>The alert's identity: its labels in name order, as Alertmanager's fingerprint is of them.</summary>
    public string Key => AlertKey.Of(Labels);
}

/// <summary>An alert as the evaluator keeps it between evaluations.</summary>
public sealed record AlertInstance(
    string Key,
    string Rule,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    double Value,
    AlertState State,
    DateTime ActiveSinceUtc,
    DateTime? FiredAtUtc,
    DateTime? ResolvedAtUtc,
    DateTime EvaluatedAtUtc
)
{
    public string? Label(string name) => Labels.GetValueOrDefault(name);
}

/// <summary>A fired or resolved alert, as the history keeps it.</summary>
public sealed record AlertEvent(DateTime AtUtc, string Event, AlertInstance Alert);

public static class AlertKey
{
    public static string Of(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}

/// <summary>Label and annotation names the rules use, Prometheus' and Alertmanager's where they have one.</summary>
public static class AlertLabels
{
    public const string AlertName = "alertname";
    public const string Severity = "severity";
    public const string ComputingSite = "computingsite";
    public const string Error = "error";
    public const string JediTaskId = "jeditaskid";
    public const string Owner = "owner";
    public const string Reason = "reason";
    public const string Summary = "summary";
    public const string Description = "description";

    /// <summary>The annotation with the monitor link to the jobs that explain the alert.</summary>
    public const string Jobs = "jobs";
}
