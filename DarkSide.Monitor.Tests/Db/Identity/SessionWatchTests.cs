using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Db.Identity;

/// <summary>
/// Open pages of a session end on every replica when it ends or its access changes on any one of them: at once on
/// that replica, at the next poll of the shared sessions table on the others; other sessions' pages stay.
/// </summary>
[Trait("Kind", "Db")]
public sealed class SessionWatchTests : IAsyncLifetime
{
    private PandaTestDatabase _db = null!;
    private readonly List<SessionWatch> _watches = [];

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(37, 1, 50, PandaTestDatabase.SeededAtUtc));
        await UsageRollupHarness.MigrateAsync(_db);
    }

    public async Task DisposeAsync()
    {
        foreach (var watch in _watches)
        {
            await watch.StopAsync(CancellationToken.None);
            watch.Dispose();
        }

        await _db.DisposeAsync();
    }

    /// <summary>One replica: its session store and its watch, running, over the shared database.</summary>
    private async Task<(SessionStore Store, SessionWatch Watch)> ReplicaAsync()
    {
        var database = new MonitorDatabase(_db.Admin);
        var options = MsOptions.Create(new MonitorStoreOptions());
        var watch = new SessionWatch(database, options, NullLogger<SessionWatch>.Instance);
        _watches.Add(watch);
        await watch.StartAsync(CancellationToken.None);
        var store = new SessionStore(database, options, TimeProvider.System, NullLogger<SessionStore>.Instance, watch);
        return (store, watch);
    }

    private static (TaskCompletionSource Ended, IDisposable Watching) Open(SessionWatch watch, string sid)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (ended, watch.Watch(sid, () => ended.TrySetResult()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EndedOrChangedOnOneReplica_EndsItsPagesOnEveryReplica_AndNoOtherSessions(bool accessChanged)
    {
        var (a, watchA) = await ReplicaAsync();
        var (_, watchB) = await ReplicaAsync();
        var sid = Guid.NewGuid().ToString("N");
        var other = Guid.NewGuid().ToString("N");
        await a.StartAsync(sid, "sub-analyst", "analyst", CancellationToken.None);
        await a.StartAsync(other, "sub-shifter", "shifter", CancellationToken.None);
        var (onA, _) = Open(watchA, sid);
        var (onB, _) = Open(watchB, sid);
        var (otherOnB, _) = Open(watchB, other);
        var (closedOnB, closed) = Open(watchB, sid);
        closed.Dispose();

        if (accessChanged)
        {
            await a.MarkAccessChangedAsync(sid, CancellationToken.None);
        }
        else
        {
            await a.EndAsync(sid, "signed out", CancellationToken.None);
        }

        // On the replica that ended it, before the call returns.
        Assert.True(onA.Task.IsCompleted);
        // On the other, at its next poll: waited for, not timed.
        await onB.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // A closed page is not called back, and after the poll that ended the session nothing of it is watched.
        Assert.False(closedOnB.Task.IsCompleted);
        Assert.False(otherOnB.Task.IsCompleted);
        Assert.Equal(1, watchB.Watched);
        Assert.Equal(0, watchA.Watched);
    }
}
