using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DarkSide.Monitor.Tests.Db.Usage;

/// <summary>
/// Several replicas, each with Rollups:Enabled: exactly one aggregates, and another takes over when it goes away.
/// </summary>
[Trait("Kind", "Db")]
public sealed class AggregatorLeadershipTests : IAsyncLifetime
{
    private PandaTestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(
            new DemoSettings(Seed: 19, Days: 2, JobsPerDay: 400, PandaTestDatabase.SeededAtUtc)
        );
        await UsageRollupHarness.MigrateAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private AggregatorLeadership Instance() =>
        new(new MonitorDatabase(_db.Admin), NullLogger<AggregatorLeadership>.Instance);

    [Fact]
    public async Task OneOfTwoInstancesLeads_TheOtherTakesOverWhenItStops()
    {
        await using var first = Instance();
        await using var second = Instance();

        Assert.True(await first.HoldAsync(CancellationToken.None));
        Assert.False(await second.HoldAsync(CancellationToken.None));
        Assert.True(await first.HoldAsync(CancellationToken.None));
        Assert.False(await second.HoldAsync(CancellationToken.None));

        await first.DisposeAsync();

        Assert.True(await second.HoldAsync(CancellationToken.None));
        Assert.True(second.IsLeader);
        Assert.False(first.IsLeader);
    }

    [Fact]
    public async Task ALeaderWhoseDatabaseSessionDied_LosesTheLead_ToTheInstanceThatAsksFirst()
    {
        await using var first = Instance();
        await using var second = Instance();
        Assert.True(await first.HoldAsync(CancellationToken.None));

        // As when the leader's node loses the network: PostgreSQL ends its session, and the lock with it. The
        // lock is this database's only: other tests' leaders in other databases keep theirs.
        var leaders = await _db.ColumnAsync<int>(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = 0 "
                + "AND objid::bigint = 1146309700 AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())"
        );
        await _db.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM unnest(@pids) pid", ("pids", leaders.ToArray()));
        // pg_terminate_backend only signals: the lock is free once the backend has exited.
        await Poll.UntilAsync(
            "the leader's backend exiting",
            async () =>
                await _db.ScalarAsync<long>(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(@pids)",
                    ("pids", leaders.ToArray())
                ) == 0
        );

        Assert.True(await second.HoldAsync(CancellationToken.None));
        Assert.False(await first.HoldAsync(CancellationToken.None));
        Assert.False(first.IsLeader);
    }
}
