namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// The alert rules the monitor evaluates and where it delivers them (README "Alerts"). Every replica may have
/// Enabled: one evaluates (it holds the alerts' lead), the others show what it found.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Evaluate the rules in this process, when it holds the lead.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two evaluations of every rule.</summary>
    public int EvaluationSeconds { get; set; } = 60;

    /// <summary>Prometheus Alertmanager's address (its API v2 below it); empty: alerts are shown, not sent.</summary>
    public string AlertmanagerUrl { get; set; } = "";

    /// <summary>The dashboard's address as its users reach it: notifications link to its pages.</summary>
    public string MonitorUrl { get; set; } = "";

    /// <summary>How long fired and resolved alerts stay in the history.</summary>
    public int HistoryDays { get; set; } = 90;

    public AlertRulesOptions Rules { get; set; } = new();
}

/// <summary>The built-in rule kinds, each under Alerts:Rules:&lt;kind&gt;.</summary>
public sealed class AlertRulesOptions
{
    public SiteFailureRateRuleOptions SiteFailureRate { get; set; } = new();

    public ErrorBurstRuleOptions ErrorBurst { get; set; } = new();

    public StalledJobsRuleOptions StalledJobs { get; set; } = new();

    public QueueNotStartingRuleOptions QueueNotStarting { get; set; } = new();

    public TaskInTroubleRuleOptions TaskInTrouble { get; set; } = new();

    public PandaUnreadableRuleOptions PandaUnreadable { get; set; } = new();

    public QueueNotOnlineRuleOptions QueueNotOnline { get; set; } = new();
}

/// <summary>What every rule has: on or off, how long its condition holds before it fires, how it is routed.</summary>
public abstract class AlertRuleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Pending period, as Prometheus writes durations ("0s", "10m", "1h").</summary>
    public string For { get; set; } = "5m";

    /// <summary>Alertmanager routes on this label: page, warning or info.</summary>
    public string Severity { get; set; } = "warning";
}

/// <summary>A site whose ended jobs fail too often.</summary>
public sealed class SiteFailureRateRuleOptions : AlertRuleOptions
{
    public SiteFailureRateRuleOptions() => Severity = "page";

    /// <summary>The jobs that ended (finished or failed) in this window before each evaluation count.</summary>
    public string Window { get; set; } = "30m";

    public int MinJobs { get; set; } = 20;

    public double ThresholdPercent { get; set; } = 50;
}

/// <summary>One error code at one site on many jobs.</summary>
public sealed class ErrorBurstRuleOptions : AlertRuleOptions
{
    public string Window { get; set; } = "30m";

    public int MinJobs { get; set; } = 25;
}

/// <summary>Working jobs at a site whose state has not changed for JobList:StalledHours.</summary>
public sealed class StalledJobsRuleOptions : AlertRuleOptions
{
    public StalledJobsRuleOptions() => For = "15m";

    public int MinJobs { get; set; } = 10;
}

/// <summary>An online queue with jobs waiting to start and none started.</summary>
public sealed class QueueNotStartingRuleOptions : AlertRuleOptions
{
    public int MinActivated { get; set; } = 50;

    /// <summary>No job at the queue started within this time.</summary>
    public string Window { get; set; } = "60m";
}

/// <summary>A task that turned exhausted, broken, failed or aborted, or whose jobs fail too often.</summary>
public sealed class TaskInTroubleRuleOptions : AlertRuleOptions
{
    public TaskInTroubleRuleOptions() => For = "0s";

    /// <summary>Tasks whose status changed within this time, and their jobs that ended within it.</summary>
    public string Window { get; set; } = "24h";

    public string[] Statuses { get; set; } = ["exhausted", "broken", "failed", "aborted"];

    public double FailurePercent { get; set; } = 80;

    public int MinJobs { get; set; } = 50;
}

/// <summary>
/// The monitor cannot read PanDA (unreachable, a required table missing) or its rollups lag past
/// Rollups:StaleAfterMinutes: the "no data" state, fired after For.
/// </summary>
public sealed class PandaUnreadableRuleOptions : AlertRuleOptions
{
    public PandaUnreadableRuleOptions() => Severity = "page";
}

/// <summary>
/// A queue that schedconfig_json says is not online: an info alert that notifies nobody and mutes its site's
/// other alerts through Alertmanager's inhibition (deploy/alertmanager).
/// </summary>
public sealed class QueueNotOnlineRuleOptions : AlertRuleOptions
{
    public QueueNotOnlineRuleOptions() => (For, Severity) = ("0s", "info");
}
