using System.Globalization;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>One built-in rule kind: what it finds at an evaluation, and how it says what it checks.</summary>
public interface IAlertRule
{
    /// <summary>The alertname label: the rule kind's name, as its settings key spells it.</summary>
    string Name { get; }

    AlertRuleOptions Options { get; }

    /// <summary>What must hold for an alert, with this configuration's thresholds, in words.</summary>
    string Condition { get; }

    Task<IReadOnlyList<AlertSample>> EvaluateAsync(AlertContext context, CancellationToken cancellationToken);
}

/// <summary>
/// One evaluation's instant, its windows' end (whole minutes, so a link's date range selects exactly the jobs that
/// were counted) and the dashboard's address for links.
/// </summary>
public sealed record AlertContext(DateTime NowUtc, string MonitorUrl)
{
    public DateTime WindowEndUtc { get; } =
        new(NowUtc.Ticks - NowUtc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary>A monitor path as an absolute link when the dashboard's address is configured.</summary>
    public string Link(string path) => MonitorUrl.Length == 0 ? path : MonitorUrl.TrimEnd('/') + path;
}

/// <summary>What every rule kind shares: its options, its pending period, and how a finding is written.</summary>
public abstract class AlertRule<TOptions>(TOptions options) : IAlertRule
    where TOptions : AlertRuleOptions
{
    protected static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public abstract string Name { get; }

    public AlertRuleOptions Options => options;

    protected TOptions Settings => options;

    public abstract string Condition { get; }

    public abstract Task<IReadOnlyList<AlertSample>> EvaluateAsync(
        AlertContext context,
        CancellationToken cancellationToken
    );

    protected AlertSample Sample(
        IEnumerable<(string Name, string Value)> labels,
        string summary,
        string description,
        string? jobsLink,
        double value
    )
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertLabels.AlertName] = Name,
            [AlertLabels.Severity] = options.Severity,
        };
        foreach (var (name, text) in labels)
        {
            all[name] = text;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertLabels.Summary] = summary,
            [AlertLabels.Description] = description,
        };
        if (jobsLink is not null)
        {
            annotations[AlertLabels.Jobs] = jobsLink;
        }

        return new AlertSample(Name, all, annotations, value);
    }

    protected static string Minutes(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", Invariant);

    protected static string Count(long count) => count.ToString("N0", Invariant);

    /// <summary>The job list of a selection over [from, to), as an absolute link.</summary>
    protected static string JobsLink(AlertContext context, JobLink selection) =>
        context.Link(MonitorUrls.Jobs(selection));
}
