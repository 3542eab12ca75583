using System.Text.Json;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Deploy;

/// <summary>The Grafana dashboard in deploy/ asks only for metrics the monitor exports.</summary>
[Trait("Kind", "Deploy")]
public sealed partial class GrafanaDashboardTests
{
    [GeneratedRegex("darkside_monitor_[a-z_]+")]
    private static partial Regex OwnMetric();

    [GeneratedRegex("\"(darkside\\.monitor\\.[a-z_.]+)\"")]
    private static partial Regex Instrument();

    [Fact]
    public void EveryOwnMetricOnTheDashboard_IsAnInstrumentOfTheMonitor()
    {
        var dashboard = File.ReadAllText(
            Path.Combine(RepositoryRoot.Path, "deploy", "grafana", "darkside-monitor.json")
        );
        using var json = JsonDocument.Parse(dashboard);
        var source = File.ReadAllText(
            Path.Combine(RepositoryRoot.Path, "DarkSide.Monitor", "Telemetry", "MonitorMetrics.cs")
        );
        // Prometheus' names: dots become underscores, then a unit (seconds) and a counter's or histogram's suffix.
        var exported = Instrument()
            .Matches(source)
            .Select(m => m.Groups[1].Value.Replace('.', '_'))
            .ToHashSet(StringComparer.Ordinal);
        var asked = OwnMetric()
            .Matches(dashboard)
            .Select(m => Regex.Replace(m.Value, "(_seconds)?(_total|_bucket|_count|_sum)?$", ""))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(14, json.RootElement.GetProperty("panels").GetArrayLength());
        Assert.NotEmpty(asked);
        Assert.Empty(asked.Except(exported));
    }
}
