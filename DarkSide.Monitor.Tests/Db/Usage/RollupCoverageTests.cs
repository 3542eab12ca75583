using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Db.Usage;

/// <summary>What the rollups cover and say about it: a fresh database per test, since each changes the aggregator's
/// state.</summary>
[Trait("Kind", "Db")]
public sealed class RollupCoverageTests : IAsyncLifetime
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private PandaTestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(Seed: 17, Days: 4, JobsPerDay: 1500, Now));
        await UsageRollupHarness.MigrateAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<long> DirectJobsAsync(DateTime from, DateTime to) =>
        _db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE jobstatus IN ('finished', 'failed', 'cancelled', "
                + "'closed') "
                + "AND modificationtime >= @from AND modificationtime < @to",
            ("from", Oracle.Timestamp(from)),
            ("to", Oracle.Timestamp(to))
        );

    private Task<long> RollupJobsAsync(DateTime from, DateTime to) =>
        _db.ScalarAsync<long>(
            "SELECT coalesce(sum(jobs), 0) FROM darkside_monitor.usage_daily WHERE day >= @from AND day < @to",
            ("from", Oracle.Timestamp(from)),
            ("to", Oracle.Timestamp(to))
        );

    /// <summary>Copies of a finished demo job, archived at <paramref name="archived"/>, with some columns
    /// set.</summary>
    private async Task<long[]> AddJobsAsync(int count, DateTime archived, string set)
    {
        var first = await _db.ScalarAsync<long>("SELECT max(pandaid) + 1 FROM doma_panda.jobsarchived4");
        var source = await _db.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'finished' AND maxpss > 0 AND pandaid "
                + "> 1000000 ORDER BY pandaid LIMIT 1"
        );
        var columns = PandaJobColumns.SqlList;
        await _db.ExecuteAsync(
            $"""
            CREATE TEMP TABLE copies AS SELECT {columns} FROM doma_panda.jobsarchived4 WHERE pandaid = @source;
            INSERT INTO doma_panda.jobsarchived4 ({columns})
            SELECT {columns.Replace("pandaid,", "@first + n,", StringComparison.Ordinal).Replace(
                "modificationtime,",
                "@archived,",
                StringComparison.Ordinal
            )}
            FROM copies, generate_series(0, @count - 1) n;
            UPDATE doma_panda.jobsarchived4 SET {set} WHERE pandaid BETWEEN @first AND @first + @count - 1;
            DROP TABLE copies
            """,
            ("source", source),
            ("first", first),
            ("archived", Oracle.Timestamp(archived)),
            ("count", count)
        );
        return Enumerable.Range(0, count).Select(i => first + i).ToArray();
    }

    [Fact]
    public async Task TopBucketPercentiles_AreTheJobsOwnValues_NotTheBucketsEdge()
    {
        // 8.64 GB per core: above the last bucket's 6 GB edge, where the rollups used to answer 6.00.
        await AddJobsAsync(
            20,
            Now.AddHours(-3),
            "transformation = 'https://ds20k.example/trf/ds20k_bigmem.py', actualcorecount = 2, corecount = 2, "
                + "maxpss = (8.64 * 1024 * 1024 * 2)::bigint"
        );
        await UsageRollupHarness.Aggregator(_db).RunOnceAsync(CancellationToken.None);
        var query = UsageQueryParser
            .Parse(QueryHelpers.ParseQuery("days=1&by=transformation"), Now, UsageView.Memory)
            .Query!;

        var report = await UsageRollupHarness
            .Repository(_db)
            .GetMemoryAsync(query, SeededPandaFixture.Blind, CancellationToken.None);

        var bigmem = Assert.Single(report.Histograms, h => h.Group == "ds20k_bigmem.py");
        Assert.Equal(8.64, bigmem.P95Gb!.Value, 2);
        Assert.Equal(8.64, bigmem.P50Gb!.Value, 2);
        Assert.Equal(8.64, bigmem.MaxGb!.Value, 2);
    }

    [Fact]
    public async Task RaisingBackfillDays_AggregatesTheEarlierDays_AndTheWindowSaysWhatIsMissingUntilThen()
    {
        var today = UsageAggregator.DayFloor(Now);
        await UsageRollupHarness
            .Aggregator(_db, options: new RollupOptions { BackfillDays = 1 })
            .RunOnceAsync(CancellationToken.None);
        var before = await UsageRollupHarness.Status(_db).GetAsync(CancellationToken.None);
        var gaps = UsageStatusText.Coverage(before, today.AddDays(-3), today.AddDays(1));

        await UsageRollupHarness
            .Aggregator(_db, options: new RollupOptions { BackfillDays = 3 })
            .RunOnceAsync(CancellationToken.None);
        var after = await UsageRollupHarness.Status(_db).GetAsync(CancellationToken.None);

        Assert.Equal(today.AddDays(-1), before!.BackfillFrom);
        Assert.Equal(
            $"This window starts before {today.AddDays(-1):yyyy-MM-dd}, where the rollups begin: earlier days are "
                + $"not counted. "
                + "Raise Rollups:BackfillDays to aggregate them.",
            Assert.Single(gaps)
        );
        Assert.Equal(today.AddDays(-3), after!.BackfillFrom);
        Assert.Equal(Now, after.Watermark);
        Assert.Empty(UsageStatusText.Coverage(after, today.AddDays(-3), today.AddDays(1)));
        // Days before the oldest job but after the horizon had no jobs to count: nothing is missing there.
        Assert.Empty(
            UsageStatusText.Coverage(after with { BackfillHorizon = today.AddDays(-30) }, today.AddDays(-7), today)
        );
        Assert.Equal(
            await DirectJobsAsync(today.AddDays(-3), Now),
            await RollupJobsAsync(today.AddDays(-3), today.AddDays(1))
        );
    }

    [Fact]
    public async Task ADayThatCannotBeAggregated_IsSkippedNamingItsJob_AndLaterDaysAreCounted()
    {
        var today = UsageAggregator.DayFloor(Now);
        var broken = today.AddDays(-2);
        // The monitor refuses one queue's rows, as it would a value it cannot store: a real PostgreSQL error on one
        // day.
        await _db.ExecuteAsync(
            "ALTER TABLE darkside_monitor.usage_hourly ADD CONSTRAINT refuses_queue CHECK (computingsite <> "
                + "'BROKEN-QUEUE')"
        );
        var culprit = (await AddJobsAsync(1, broken.AddHours(5), "computingsite = 'BROKEN-QUEUE'"))[0];

        var run = await UsageRollupHarness
            .Aggregator(_db, options: new RollupOptions { BackfillDays = 4 })
            .RunOnceAsync(CancellationToken.None);
        var status = await UsageRollupHarness.Status(_db).GetAsync(CancellationToken.None);

        Assert.True(run.Ran);
        Assert.Equal(Now, status!.Watermark);
        Assert.Equal(
            $"{broken:yyyy-MM-dd}: job {culprit} cannot be aggregated (PostgreSQL error 23514)",
            Assert.Single(status.SkippedDays)
        );
        Assert.Equal(0, await RollupJobsAsync(broken, broken.AddDays(1)));
        Assert.Equal(
            await DirectJobsAsync(broken.AddDays(1), Now),
            await RollupJobsAsync(broken.AddDays(1), today.AddDays(1))
        );
        Assert.Contains(
            UsageStatusText.Coverage(status, today.AddDays(-3), today.AddDays(1)),
            g => g.StartsWith($"Not counted: {broken:yyyy-MM-dd}: job {culprit}", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task TheSameScopes_TwiceOrReordered_RebuildNothing_AndANewScopeRebuildsSayingWhy()
    {
        await UsageRollupHarness
            .Aggregator(_db, blinding: new BlindingOptions { BlindScopes = ["blind"] })
            .RunOnceAsync(CancellationToken.None);
        await _db.ExecuteAsync(
            "UPDATE darkside_monitor.usage_daily SET jobs = jobs + 1000 WHERE ctid = (SELECT ctid FROM "
                + "darkside_monitor.usage_daily ORDER BY day LIMIT 1)"
        );
        var marked = await RollupJobsAsync(DateTime.MinValue, DateTime.MaxValue);

        await UsageRollupHarness
            .Aggregator(_db, blinding: new BlindingOptions { BlindScopes = ["blind", "blind"] })
            .RunOnceAsync(CancellationToken.None);
        var kept = await RollupJobsAsync(DateTime.MinValue, DateTime.MaxValue);
        await UsageRollupHarness
            .Aggregator(_db, blinding: new BlindingOptions { BlindScopes = ["secret", "blind"] })
            .RunOnceAsync(CancellationToken.None);
        var rebuilt = await RollupJobsAsync(DateTime.MinValue, DateTime.MaxValue);

        // A rerun recomputes only the overlap, so the marked first day survives it; a rebuild recomputes it too.
        Assert.Equal(marked, kept);
        Assert.Equal(marked - 1000, rebuilt);
        Assert.Equal(
            "The usage rollups are being rebuilt because the blind scopes (Blinding:BlindScopes) changed: numbers "
                + "appear as days are aggregated.",
            UsageStatusText.For(
                new UsageRollupStatus(null, false, Now)
                {
                    RebuildReason = "the blind scopes (Blinding:BlindScopes) changed",
                }
            )
        );
    }
}
