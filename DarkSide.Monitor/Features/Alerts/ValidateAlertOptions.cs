using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>Rejects bad Alerts settings at startup, naming each key and what is expected.</summary>
public sealed class ValidateAlertOptions : IValidateOptions<AlertOptions>
{
    public static readonly IReadOnlyList<string> Severities = ["page", "warning", "info"];

    /// <summary>JEDI's task statuses a task in trouble may be in (docs/panda-data.md's task lifecycle).</summary>
    public static readonly IReadOnlyList<string> TroubleStatuses =
    [
        "exhausted",
        "broken",
        "failed",
        "aborted",
        "throttled",
        "tobroken",
        "finished",
        "paused",
        "pending",
    ];

    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var errors = new List<string>();
        const string at = AlertOptions.SectionName;
        if (options.EvaluationSeconds is < 1 or > 3600)
        {
            errors.Add($"{at}:EvaluationSeconds is {options.EvaluationSeconds}; expected seconds from 1 to 3600.");
        }

        if (options.HistoryDays is < 1 or > 3650)
        {
            errors.Add($"{at}:HistoryDays is {options.HistoryDays}; expected days from 1 to 3650.");
        }

        CheckUrl(errors, $"{at}:AlertmanagerUrl", options.AlertmanagerUrl, "Alertmanager's address");
        CheckUrl(errors, $"{at}:MonitorUrl", options.MonitorUrl, "the dashboard's address as its users reach it");
        if (options.AlertmanagerUrl.Length > 0 && options.MonitorUrl.Length == 0)
        {
            errors.Add(
                $"{at}:MonitorUrl is empty while {at}:AlertmanagerUrl is set; expected the dashboard's address "
                    + "(e.g. https://monitor.darkside.org/), which notifications link to."
            );
        }

        var rules = options.Rules;
        CheckRule(errors, "SiteFailureRate", rules.SiteFailureRate);
        CheckWindow(errors, "SiteFailureRate", rules.SiteFailureRate.Window);
        CheckMinimum(errors, "SiteFailureRate:MinJobs", rules.SiteFailureRate.MinJobs);
        CheckPercent(errors, "SiteFailureRate:ThresholdPercent", rules.SiteFailureRate.ThresholdPercent);
        CheckRule(errors, "ErrorBurst", rules.ErrorBurst);
        CheckWindow(errors, "ErrorBurst", rules.ErrorBurst.Window);
        CheckMinimum(errors, "ErrorBurst:MinJobs", rules.ErrorBurst.MinJobs);
        CheckRule(errors, "StalledJobs", rules.StalledJobs);
        CheckMinimum(errors, "StalledJobs:MinJobs", rules.StalledJobs.MinJobs);
        CheckRule(errors, "QueueNotStarting", rules.QueueNotStarting);
        CheckWindow(errors, "QueueNotStarting", rules.QueueNotStarting.Window);
        CheckMinimum(errors, "QueueNotStarting:MinActivated", rules.QueueNotStarting.MinActivated);
        CheckRule(errors, "TaskInTrouble", rules.TaskInTrouble);
        CheckWindow(errors, "TaskInTrouble", rules.TaskInTrouble.Window);
        CheckMinimum(errors, "TaskInTrouble:MinJobs", rules.TaskInTrouble.MinJobs);
        CheckPercent(errors, "TaskInTrouble:FailurePercent", rules.TaskInTrouble.FailurePercent);
        CheckStatuses(errors, rules.TaskInTrouble.Statuses);
        CheckRule(errors, "PandaUnreadable", rules.PandaUnreadable);
        CheckRule(errors, "QueueNotOnline", rules.QueueNotOnline);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Key(string rule) => $"{AlertOptions.SectionName}:Rules:{rule}";

    private static void CheckUrl(List<string> errors, string key, string value, string what)
    {
        if (
            value.Length > 0
            && !(
                Uri.TryCreate(value, UriKind.Absolute, out var uri)
                && uri.Scheme is "http" or "https"
                && uri.Query.Length == 0
            )
        )
        {
            errors.Add($"{key} is '{value}'; expected {what} as an absolute http(s) URL without a query, or empty.");
        }
    }

    private static void CheckRule(List<string> errors, string rule, AlertRuleOptions options)
    {
        if (!AlertDuration.TryParse(options.For, out var pending) || pending > LongestWindow)
        {
            errors.Add($"{Key(rule)}:For is '{options.For}'; expected {AlertDuration.Expected}, at most 7d.");
        }

        if (!Severities.Contains(options.Severity))
        {
            errors.Add(
                $"{Key(rule)}:Severity is '{options.Severity}'; expected one of {string.Join(", ", Severities)}."
            );
        }
    }

    private static void CheckWindow(List<string> errors, string rule, string window)
    {
        if (!AlertDuration.TryParse(window, out var span) || span < TimeSpan.FromMinutes(1) || span > LongestWindow)
        {
            errors.Add($"{Key(rule)}:Window is '{window}'; expected {AlertDuration.Expected}, from 1m to 7d.");
        }
    }

    private static void CheckMinimum(List<string> errors, string key, int value)
    {
        if (value < 1)
        {
            errors.Add($"{AlertOptions.SectionName}:Rules:{key} is {value}; expected a number of jobs ≥ 1.");
        }
    }

    private static void CheckPercent(List<string> errors, string key, double value)
    {
        if (!(value is > 0 and < 100))
        {
            errors.Add($"{AlertOptions.SectionName}:Rules:{key} is {value}; expected a percentage above 0, below 100.");
        }
    }

    private static void CheckStatuses(List<string> errors, string[] statuses)
    {
        var unknown = statuses.Where(s => !TroubleStatuses.Contains(s)).ToList();
        if (statuses.Length == 0 || unknown.Count > 0)
        {
            var found = unknown.Count > 0 ? $"'{string.Join("', '", unknown)}'" : "nothing";
            errors.Add(
                $"{Key("TaskInTrouble")}:Statuses has {found}; expected task statuses from "
                    + $"{string.Join(", ", TroubleStatuses)}."
            );
        }
    }
}
