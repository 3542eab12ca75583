using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DarkSide.Monitor.Tests.Unit.Alerts;

/// <summary>Bad alert settings stop the app at startup, each named with what is expected.</summary>
public sealed class AlertOptionsTests
{
    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Panda"] = "Host=127.0.0.1;Database=panda_db;Username=panda_reader";
        settings["ConnectionStrings:Monitor"] = "Host=127.0.0.1;Database=panda_db;Username=monitor";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddMonitorOptions(configuration).AddLogging();
        services.AddAlerts();
        return MonitorConfigurationCheck.Problems(services.BuildServiceProvider());
    }

    private static AlertOptions Bound(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Panda"] = "Host=127.0.0.1";
        settings["ConnectionStrings:Monitor"] = "Host=127.0.0.1";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddMonitorOptions(configuration).AddLogging();
        services.AddAlerts();
        return services.BuildServiceProvider().GetRequiredService<AlertOptions>();
    }

    [Fact]
    public void Defaults_AreValid_AndMatchTheIssuesThresholds()
    {
        Assert.Empty(Problems([]));
        var rules = new AlertOptions().Rules;
        Assert.Equal(("30m", 20, 50.0), (rules.SiteFailureRate.Window, rules.SiteFailureRate.MinJobs, 50.0));
        Assert.Equal(("30m", 25), (rules.ErrorBurst.Window, rules.ErrorBurst.MinJobs));
        Assert.Equal(("60m", 50), (rules.QueueNotStarting.Window, rules.QueueNotStarting.MinActivated));
    }

    [Fact]
    public void BadRuleSettings_AreEachNamed_WithWhatIsExpected()
    {
        var problems = Problems(
            new()
            {
                ["Alerts:EvaluationSeconds"] = "0",
                ["Alerts:AlertmanagerUrl"] = "alertmanager:9093",
                ["Alerts:Rules:SiteFailureRate:For"] = "5 minutes",
                ["Alerts:Rules:SiteFailureRate:ThresholdPercent"] = "150",
                ["Alerts:Rules:ErrorBurst:Severity"] = "critical",
                ["Alerts:Rules:QueueNotStarting:Window"] = "30s",
                ["Alerts:Rules:TaskInTrouble:Statuses:0"] = "exhausted",
                ["Alerts:Rules:TaskInTrouble:Statuses:1"] = "borken",
                ["Alerts:Rules:StalledJobs:MinJobs"] = "0",
            }
        );

        Assert.Equal(
            [
                "Alerts:EvaluationSeconds is 0; expected seconds from 1 to 3600.",
                "Alerts:AlertmanagerUrl is 'alertmanager:9093'; expected Alertmanager's address as an absolute http(s) "
                    + "URL without a query, or empty.",
                "Alerts:MonitorUrl is empty while Alerts:AlertmanagerUrl is set; expected the dashboard's address "
                    + "(e.g. https://monitor.darkside.org/), which notifications link to.",
                "Alerts:Rules:SiteFailureRate:For is '5 minutes'; expected a duration such as 30s, 10m, 2h or 1d, "
                    + "at most 7d.",
                "Alerts:Rules:SiteFailureRate:ThresholdPercent is 150; expected a percentage above 0, below 100.",
                "Alerts:Rules:ErrorBurst:Severity is 'critical'; expected one of page, warning, info.",
                "Alerts:Rules:StalledJobs:MinJobs is 0; expected a number of jobs ≥ 1.",
                "Alerts:Rules:QueueNotStarting:Window is '30s'; expected a duration such as 30s, 10m, 2h or 1d, "
                    + "from 1m to 7d.",
                "Alerts:Rules:TaskInTrouble:Statuses has 'borken'; expected task statuses from exhausted, broken, "
                    + "failed, aborted, throttled, tobroken, finished, paused, pending.",
            ],
            problems
        );
    }

    [Fact]
    public void AMisspeltRuleOrSetting_IsRefusedByName_NotLeftAtItsDefaults()
    {
        var problem = Assert.Single(Problems(new() { ["Alerts:Rules:SiteFailureRat:MinJobs"] = "5" }));

        Assert.Contains("'SiteFailureRat'", problem);
    }

    [Fact]
    public void ConfiguredStatuses_ReplaceTheDefaults()
    {
        var options = Bound(new() { ["Alerts:Rules:TaskInTrouble:Statuses:0"] = "broken" });

        Assert.Equal(["broken"], options.Rules.TaskInTrouble.Statuses);
    }

    [Theory]
    [InlineData("0s", 0)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    public void Durations_ReadAsPrometheusWritesThem(string text, int seconds)
    {
        Assert.True(AlertDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1h30m")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    public void OtherDurations_AreRefused(string text) => Assert.False(AlertDuration.TryParse(text, out _));
}
