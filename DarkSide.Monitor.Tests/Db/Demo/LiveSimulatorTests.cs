using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Features.Alerts.Rules;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Db.Demo;

/// <summary>The simulator moves jobs as PanDA does. It writes, so it gets a database of its own.</summary>
[Trait("Kind", "Db")]
public sealed class LiveSimulatorTests : IAsyncLifetime
{
    private PandaTestDatabase _db = null!;

    public async Task InitializeAsync() =>
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(11, 1, 3000, DateTime.UtcNow.AddMinutes(-1)));

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private const string AllIds =
        "(SELECT pandaid FROM doma_panda.jobsdefined4 UNION ALL SELECT pandaid FROM doma_panda.jobsactive4 "
        + "UNION ALL SELECT pandaid FROM doma_panda.jobsarchived4) ids";

    [Fact]
    public async Task Tick_CreatesJobsAndMovesThemThroughTheLifecycle_OneTableAtATime()
    {
        // Arrange
        var maxBefore = await _db.ScalarAsync<long>($"SELECT max(pandaid) FROM {AllIds}");
        var holding = await _db.ColumnAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsactive4 WHERE jobstatus IN ('holding', 'transferring', "
                + "'merging') ORDER BY statechangetime LIMIT 5"
        );
        var holdingNames = await _db.ColumnAsync<string>(
            "SELECT jobname FROM doma_panda.jobsactive4 WHERE pandaid = ANY(@ids) ORDER BY pandaid",
            ("ids", holding.ToArray())
        );
        var statusLogBefore = await _db.ScalarAsync<long>("SELECT count(*) FROM doma_panda.jobs_statuslog");
        var simulator = new LiveSimulator(_db.Admin, _db.Options, jobsPerTick: 5);

        // Act
        var changed = await simulator.TickAsync(CancellationToken.None);

        // Assert
        Assert.True(changed >= 5 + holding.Count);
        // Five new jobs, created now. A new job may already have moved on within the same tick when fewer than five
        // older ones were waiting in its state (how many were depends on when the seed ran).
        Assert.Equal(
            5,
            await _db.ScalarAsync<long>(
                "SELECT count(*) FROM (SELECT pandaid, jobstatus, creationtime FROM doma_panda.jobsdefined4 UNION ALL "
                    + "SELECT pandaid, jobstatus, creationtime FROM doma_panda.jobsactive4) j WHERE pandaid > @max "
                    + "AND creationtime > (now() AT TIME ZONE 'UTC') - interval '1 minute'",
                ("max", maxBefore)
            )
        );
        Assert.Equal(
            0,
            await _db.ScalarAsync<long>(
                "SELECT count(*) FROM doma_panda.jobsdefined4 WHERE pandaid > @max AND jobstatus <> 'defined'",
                ("max", maxBefore)
            )
        );
        Assert.NotEmpty(holding);
        Assert.Equal(
            holdingNames,
            await _db.ColumnAsync<string>(
                "SELECT jobname FROM doma_panda.jobsarchived4 WHERE pandaid = ANY(@ids) AND jobstatus IN "
                    + "('finished', 'failed') AND modificationtime = statechangetime ORDER BY pandaid",
                ("ids", holding.ToArray())
            )
        );
        Assert.Equal(
            0,
            await _db.ScalarAsync<long>(
                "SELECT count(*) FROM doma_panda.jobsactive4 WHERE pandaid = ANY(@ids)",
                ("ids", holding.ToArray())
            )
        );
        Assert.Equal(
            0,
            await _db.ScalarAsync<long>(
                $"SELECT count(*) FROM (SELECT pandaid FROM {AllIds} GROUP BY pandaid HAVING count(*) > 1) d"
            )
        );
        Assert.True(
            await _db.ScalarAsync<long>("SELECT count(*) FROM doma_panda.jobs_statuslog") >= statusLogBefore + changed
        );
    }

    [Fact]
    public async Task Tick_StartsAndEndsRunningJobsWithConsistentTimes()
    {
        var simulator = new LiveSimulator(_db.Admin, _db.Options, jobsPerTick: 8);

        await simulator.TickAsync(CancellationToken.None);
        await simulator.TickAsync(CancellationToken.None);

        Assert.Equal(
            0,
            await _db.ScalarAsync<long>(
                "SELECT count(*) FROM doma_panda.jobsactive4 WHERE jobstatus = 'running' AND starttime IS NULL"
            )
        );
        Assert.Equal(
            0,
            await _db.ScalarAsync<long>(
                "SELECT count(*) FROM doma_panda.jobsactive4 WHERE jobstatus = 'holding' AND (endtime IS NULL "
                    + "OR cpuconsumptiontime > extract(epoch FROM endtime - starttime) * coalesce(corecount, 1))"
            )
        );
        Assert.True(
            await _db.ScalarAsync<long>(
                "SELECT count(*) FROM doma_panda.jobs_statuslog WHERE jobstatus = 'running' AND "
                    + "modificationtime > (now() AT TIME ZONE 'UTC') - interval '1 minute'"
            ) >= 8
        );
    }

    [Fact]
    public async Task AStagedIncident_FailsJobsAtItsQueue_UntilItEnds_AndTheSiteFailureRuleFindsIt()
    {
        var queue = await _db.ScalarAsync<string>(
            "SELECT computingsite FROM doma_panda.jobsarchived4 GROUP BY 1 ORDER BY count(*) LIMIT 1"
        );
        var logger = NullLogger.Instance;
        var running = new SiteIncident(
            _db.Admin,
            _db.Options,
            queue,
            DateTime.UtcNow.AddMinutes(-1),
            TimeSpan.FromHours(1),
            8
        );
        var over = new SiteIncident(
            _db.Admin,
            _db.Options,
            queue,
            DateTime.UtcNow.AddHours(-2),
            TimeSpan.FromHours(1),
            8
        );

        var failed = 0;
        for (var tick = 0; tick < 4; tick++)
        {
            failed += await running.TickAsync(logger, CancellationToken.None);
        }

        Assert.Equal(0, await over.TickAsync(logger, CancellationToken.None));
        var found = await _db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE computingsite = @queue AND jobstatus = 'failed' "
                + "AND piloterrorcode = @code AND modificationtime > (now() AT TIME ZONE 'UTC') - interval '5 minutes'",
            ("queue", queue),
            ("code", SiteIncident.PilotCode)
        );
        Assert.Equal(failed, found);
        var options = new AlertOptions();
        options.Rules.SiteFailureRate.Window = "10m";
        var schema = PandaTestDatabase.Unchecked(_db);
        var blind = new BlindDataPolicy(MsOptions.Create(new BlindingOptions()), MsOptions.Create(_db.Options), schema);
        var rule = new SiteFailureRateRule(
            options,
            new PandaDatabase(_db.Reader),
            new AlertSql(new JobSqlBuilder(MsOptions.Create(_db.Options), blind, schema))
        );
        // The rule's window ends at the last whole minute: evaluated a minute on, it holds the jobs just failed.
        var alerts = await rule.EvaluateAsync(new(DateTime.UtcNow.AddMinutes(1), ""), CancellationToken.None);

        var alert = Assert.Single(alerts, a => a.Labels["computingsite"] == queue);
        Assert.Contains($"pilot:{SiteIncident.PilotCode} ({failed})", alert.Annotations["description"]);
    }
}
