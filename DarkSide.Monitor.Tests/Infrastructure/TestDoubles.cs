using DarkSide.Monitor.Panda.Blinding;

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
