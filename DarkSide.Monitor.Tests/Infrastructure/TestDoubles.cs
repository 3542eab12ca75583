using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>A viewer fixed for a test, in place of the configured development viewer.</summary>
public sealed class FixedViewer(ViewerAccess viewer) : IViewerAccessProvider
{
    public ValueTask<ViewerAccess> GetViewerAsync(CancellationToken cancellationToken) => ValueTask.FromResult(viewer);
}

/// <summary>"Now" is the seeded databases' instant, so computed durations are reproducible.</summary>
public sealed class FixedTime : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => PandaTestDatabase.SeededAtUtc;
}

/// <summary>No rollups: every summary is read from PanDA's tables (a test that compares against them).</summary>
public sealed class NoJobSummaryRollups : IJobSummaryRollups
{
    public Task<RolledUpJobSummary?> ReadAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    ) => Task.FromResult<RolledUpJobSummary?>(null);
}

/// <summary>The monitor's metrics on a meter factory of their own, for hubs built outside the app.</summary>
public static class TestMetrics
{
    public static DarkSide.Monitor.Telemetry.MonitorMetrics Create() => new(new MeterFactory());

    private sealed class MeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) =>
            new(options.Name, options.Version, options.Tags, scope: this);

        public void Dispose() { }
    }
}
