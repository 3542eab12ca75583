using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Usage;

/// <summary>A private seeded database per class: these tests update PanDA's rows and rerun the aggregator.</summary>
public sealed class UsageRollupDatabase : IAsyncLifetime
{
    public static readonly DemoSettings Settings = new(
        Seed: 11,
        Days: 3,
        JobsPerDay: 3000,
        PandaTestDatabase.SeededAtUtc
    );

    public PandaTestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PandaTestDatabase.CreateAsync(Settings);
        await UsageRollupHarness.MigrateAsync(Database);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

[Trait("Kind", "Db")]
public sealed class UsageRollupTests(UsageRollupDatabase fixture) : IClassFixture<UsageRollupDatabase>
{
    private PandaTestDatabase Db => fixture.Database;

    /// <summary>Every measure straight from jobsarchived4, written without the aggregator's SQL.</summary>
    private const string DirectTotals = """
        SELECT count(*)::numeric,
               coalesce(sum(extract(epoch FROM endtime - starttime) * coalesce(nullif(actualcorecount, 0),
                   nullif(corecount, 0), 1))
                        FILTER (WHERE starttime > '1970-01-02' AND endtime > starttime), 0),
               coalesce(sum(cpuconsumptiontime), 0), coalesce(sum(hs06sec), 0), coalesce(sum(nevents), 0),
               coalesce(sum(inputfilebytes), 0), coalesce(sum(outputfilebytes), 0),
               coalesce(sum(extract(epoch FROM endtime - starttime) * coalesce(nullif(actualcorecount, 0),
                   nullif(corecount, 0), 1))
                        FILTER (WHERE jobstatus = 'failed' AND starttime > '1970-01-02' AND endtime > starttime), 0),
               count(*) FILTER (WHERE maxpss > 0)::numeric,
               count(*) FILTER (WHERE maxpss / 1024.0 / coalesce(nullif(actualcorecount, 0), nullif(corecount, 0), 1)
                                      > minramcount::numeric / coalesce(nullif(corecount, 0), 1) AND minramcount >
                                          0)::numeric
        FROM doma_panda.jobsarchived4 WHERE jobstatus IN ('finished', 'failed', 'cancelled', 'closed')
        """;

    private const string RollupTotals = """
        SELECT sum(jobs)::numeric, sum(wall_core_seconds), sum(cpu_seconds), sum(hs06sec), sum(events),
            sum(input_bytes), sum(output_bytes),
               sum(failed_core_seconds), sum(pss_jobs)::numeric, sum(jobs_over_request)::numeric
        FROM darkside_monitor.{0}
        """;

    private static readonly string[] MeasureNames =
    [
        "jobs",
        "wall core-seconds",
        "CPU seconds",
        "hs06sec",
        "events",
        "input bytes",
        "output bytes",
        "failed core-seconds",
        "jobs with PSS",
        "jobs over request",
    ];

    private async Task<decimal[]> RowAsync(string sql)
    {
        await using var command = Db.Admin.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable
            .Range(0, reader.FieldCount)
            .Select(i => reader.IsDBNull(i) ? 0m : reader.GetDecimal(i))
            .ToArray();
    }

    private async Task AssertRollupsEqualDirectAsync()
    {
        var direct = await RowAsync(DirectTotals);
        foreach (var table in new[] { "usage_hourly", "usage_daily" })
        {
            var rollup = await RowAsync(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, RollupTotals, table)
            );
            for (var i = 0; i < direct.Length; i++)
            {
                Assert.True(
                    direct[i] == rollup[i],
                    $"{table}: {MeasureNames[i]} is {rollup[i]} in the rollup, {direct[i]} in jobsarchived4"
                );
            }
        }

        Assert.Equal(
            direct[1],
            await Db.ScalarAsync<decimal>(
                "SELECT coalesce(sum(core_seconds), 0) FROM darkside_monitor.site_cores_hourly"
            )
        );
        Assert.Equal(
            direct[8],
            await Db.ScalarAsync<decimal>(
                $"SELECT sum({string.Join(" + ", UsageBuckets.PssColumns)}) FROM darkside_monitor.usage_hourly"
            )
        );
        Assert.Equal(
            await Db.ScalarAsync<decimal>(
                $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE jobstatus IN ('finished', 'failed', "
                    + $"'cancelled', 'closed') AND starttime > '1970-01-02' AND endtime > starttime"
            ),
            await Db.ScalarAsync<decimal>(
                $"SELECT sum({string.Join(" + ", UsageBuckets.WalltimeColumns)}) FROM darkside_monitor.usage_hourly"
            )
        );
        Assert.Equal(
            direct[9],
            await Db.ScalarAsync<decimal>(
                "SELECT count(*) FROM darkside_monitor.memory_suspects WHERE pss_per_core_mb > request_per_core_mb"
            )
        );
    }

    [Fact]
    public async Task Backfill_RollupTotalsEqualDirectAggregates_ForEveryMeasure_AndRerunsChangeNothing()
    {
        var aggregator = UsageRollupHarness.Aggregator(Db);
        var first = await aggregator.RunOnceAsync(CancellationToken.None);
        Assert.True(first.Ran);
        await AssertRollupsEqualDirectAsync();

        await aggregator.RunOnceAsync(CancellationToken.None);
        await UsageRollupHarness.Aggregator(Db).RunOnceAsync(CancellationToken.None); // a restarted process
        await AssertRollupsEqualDirectAsync();

        var status = await UsageRollupHarness.Status(Db).GetAsync(CancellationToken.None);
        Assert.True(status!.BackfillDone);
        Assert.Equal(PandaTestDatabase.SeededAtUtc, DateTime.SpecifyKind(status.Watermark!.Value, DateTimeKind.Utc));
    }

    [Fact]
    public async Task PerSiteAndBlindSplit_MatchesTheJobTable()
    {
        await UsageRollupHarness.Aggregator(Db).RunOnceAsync(CancellationToken.None);

        var direct = await Db.ColumnAsync<string>(
            $"""
            SELECT computingsite || '|' || jobstatus || '|' || blind::text || '|' || count(*)
            FROM (SELECT coalesce(computingsite, '') AS computingsite, jobstatus, ({Oracle.IsBlind} OR
                coalesce(j.proddblock LIKE 'blind:%', false)) AS blind
                  FROM doma_panda.jobsarchived4 j WHERE jobstatus IN ('finished', 'failed', 'cancelled', 'closed')) t
            GROUP BY computingsite, jobstatus, blind ORDER BY 1
            """
        );
        var rollup = await Db.ColumnAsync<string>(
            """
            SELECT computingsite || '|' || jobstatus || '|' || blind::text || '|' || sum(jobs)
            FROM darkside_monitor.usage_daily GROUP BY computingsite, jobstatus, blind ORDER BY 1
            """
        );

        Assert.Contains(direct, d => d.Contains("|true|", StringComparison.Ordinal));
        Assert.Equal(direct, rollup);
    }

    [Fact]
    public async Task LateUpdateInsideTheOverlap_IsPickedUp_AndANewJobIsCounted()
    {
        var aggregator = UsageRollupHarness.Aggregator(Db);
        await aggregator.RunOnceAsync(CancellationToken.None);
        var seeded = PandaTestDatabase.SeededAtUtc;

        // The server re-archives a failed job as closed, 30 minutes later, inside the 2-hour overlap.
        var late = await Db.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' AND minramcount > 0 AND "
                + "modificationtime BETWEEN @a AND @b ORDER BY pandaid LIMIT 1",
            ("a", Oracle.Timestamp(seeded.AddMinutes(-100))),
            ("b", Oracle.Timestamp(seeded.AddMinutes(-40)))
        );
        await Db.ExecuteAsync(
            "UPDATE doma_panda.jobsarchived4 SET jobstatus = 'closed', nevents = nevents + 777, "
                + "modificationtime = modificationtime + interval '30 minutes' WHERE pandaid = @p",
            ("p", late)
        );
        var copied = await Db.ScalarAsync<long>("SELECT max(pandaid) + 1 FROM doma_panda.jobsarchived4");
        await Db.ExecuteAsync(
            """
            CREATE TEMP TABLE late_copy AS SELECT * FROM doma_panda.jobsarchived4 WHERE pandaid = @p;
            UPDATE late_copy SET pandaid = @n, modificationtime = @m, maxpss = 40000000;
            INSERT INTO doma_panda.jobsarchived4 SELECT * FROM late_copy;
            DROP TABLE late_copy
            """,
            ("p", late),
            ("n", copied),
            ("m", Oracle.Timestamp(seeded.AddMinutes(-5)))
        );

        var run = await aggregator.RunOnceAsync(CancellationToken.None);

        Assert.Equal(Oracle.Timestamp(seeded.AddHours(-2)), run.From);
        await AssertRollupsEqualDirectAsync();
        Assert.Equal(
            1,
            await Db.ScalarAsync<long>(
                "SELECT count(*) FROM darkside_monitor.memory_suspects WHERE pandaid = @n",
                ("n", copied)
            )
        );
    }

    [Fact]
    public async Task Percentiles_FromBuckets_AreWithinOneBucketOfTheExactValues()
    {
        await UsageRollupHarness.Aggregator(Db).RunOnceAsync(CancellationToken.None);
        var pss = await Db.ScalarAsync<long[]>(SumEachColumn(UsageBuckets.PssColumns));
        var wall = await Db.ScalarAsync<long[]>(SumEachColumn(UsageBuckets.WalltimeColumns));

        foreach (var q in new[] { 0.5, 0.95 })
        {
            var exactPss = await Db.ScalarAsync<double>(
                $"""
                SELECT percentile_cont({q.ToString(
                    System.Globalization.CultureInfo.InvariantCulture
                )}) WITHIN GROUP (ORDER BY maxpss / 1024.0 / 1024.0 / coalesce(nullif(actualcorecount, 0),
                    nullif(corecount, 0), 1))
                FROM doma_panda.jobsarchived4 WHERE jobstatus IN ('finished', 'failed', 'cancelled', 'closed') AND
                    maxpss > 0
                """
            );
            Assert.InRange(
                UsageBuckets.PssQuantileGb(pss, q)!.Value,
                exactPss - UsageBuckets.PssBucketGb,
                exactPss + UsageBuckets.PssBucketGb
            );

            var exactWall = await Db.ScalarAsync<double>(
                $"""
                SELECT percentile_cont({q.ToString(
                    System.Globalization.CultureInfo.InvariantCulture
                )}) WITHIN GROUP (ORDER BY extract(epoch FROM endtime - starttime))
                FROM doma_panda.jobsarchived4 WHERE jobstatus IN ('finished', 'failed', 'cancelled', 'closed') AND
                    starttime > '1970-01-02' AND endtime > starttime
                """
            );
            var bucket = UsageBuckets.WalltimeEdgesSeconds.Count(e => e <= exactWall);
            var (lower, upper) = UsageBuckets.WalltimeBucketSeconds(bucket);
            var width = (upper ?? lower * 2) - lower;
            Assert.InRange(UsageBuckets.WalltimeQuantileSeconds(wall, q)!.Value, exactWall - width, exactWall + width);
        }
    }

    /// <summary>One array, in bucket order, of each column's sum over the daily rollups.</summary>
    /// <remarks>Not one row per column: a UNION ALL's rows come in no promised order.</remarks>
    private static string SumEachColumn(IEnumerable<string> columns) =>
        $"SELECT ARRAY[{string.Join(", ", columns.Select(c => $"coalesce(sum({c}), 0)::bigint"))}] "
        + "FROM darkside_monitor.usage_daily";
}
