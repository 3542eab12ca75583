using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Demo;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class SeederLifecycleTests(SeededPandaFixture fixture)
{
    /// <summary>
    /// The generator's jobs: every test database also holds PanDA-shaped reference rows, which are not its.
    /// </summary>
    private static readonly string DemoJobs = $"pandaid >= {new DemoSettings(0, 0, 0, default).FirstPandaId}";

    private PandaTestDatabase Db => fixture.Database;

    [Theory]
    [InlineData("jobsdefined4")]
    [InlineData("jobsactive4")]
    [InlineData("jobsarchived4")]
    public async Task EveryJob_IsInTheTablePandaKeepsItsStateIn(string table)
    {
        var states = await Db.ColumnAsync<string>($"SELECT DISTINCT jobstatus FROM doma_panda.{table}");
        var expected = table switch
        {
            "jobsdefined4" => PandaJobStatus.InJobsDefined4,
            "jobsactive4" => PandaJobStatus.InJobsActive4,
            _ => PandaJobStatus.Final,
        };

        Assert.NotEmpty(states);
        AssertEvery(states, s => Assert.Contains(s, expected));
    }

    [Fact]
    public async Task Seed_HasJobsInTheMainStatesOfTheLifecycle()
    {
        var states = await Db.ColumnAsync<string>(
            "SELECT DISTINCT jobstatus FROM (SELECT jobstatus FROM doma_panda.jobsdefined4 UNION ALL SELECT "
                + "jobstatus FROM doma_panda.jobsactive4 "
                + "UNION ALL SELECT jobstatus FROM doma_panda.jobsarchived4) s"
        );

        Assert.Superset(
            new HashSet<string>
            {
                "pending",
                "defined",
                "activated",
                "running",
                "holding",
                "finished",
                "failed",
                "cancelled",
                "closed",
            },
            states.ToHashSet()
        );
    }

    [Fact]
    public async Task NoPandaId_IsInTwoTables()
    {
        var duplicates = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT pandaid FROM (SELECT pandaid FROM doma_panda.jobsdefined4 UNION ALL "
                + "SELECT pandaid FROM doma_panda.jobsactive4 "
                + "UNION ALL SELECT pandaid FROM doma_panda.jobsarchived4) ids GROUP BY pandaid HAVING count(*) > 1) d"
        );

        Assert.Equal(0, duplicates);
    }

    [Fact]
    public async Task ArchivedJobs_HaveOrderedTimestamps()
    {
        var disordered = await Db.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM doma_panda.jobsarchived4
            WHERE {DemoJobs} AND (starttime < creationtime OR endtime < starttime OR modificationtime <
                coalesce(endtime, creationtime)
               OR statechangetime <> modificationtime OR endtime IS NULL)
            """
        );
        var started = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE starttime IS NOT NULL"
        );

        Assert.Equal(0, disordered);
        Assert.True(started > 1000);
    }

    [Fact]
    public async Task ActiveJobs_StartedOnlyWhenRunningOrLater_AndNeverInTheFuture()
    {
        var wrong = await Db.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM doma_panda.jobsactive4
            WHERE {DemoJobs} AND ((jobstatus IN ('running', 'holding', 'merging', 'transferring')) <> (starttime IS NOT
                NULL)
               OR starttime < creationtime OR modificationtime > @now OR (jobstatus = 'running' AND endtime IS NOT
                   NULL))
            """,
            ("now", DateTime.SpecifyKind(PandaTestDatabase.SeededAtUtc, DateTimeKind.Unspecified))
        );

        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task CpuTime_NeverExceedsWallTimeTimesCores()
    {
        var over = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE cpuconsumptiontime > extract(epoch FROM "
                + "endtime - starttime) * actualcorecount"
        );
        var measured = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE cpuconsumptiontime > 0"
        );

        Assert.Equal(0, over);
        Assert.True(measured > 1000);
    }

    [Fact]
    public async Task Memory_IsKilobytesPerJob_WithPeakAboveAverage()
    {
        var wrong = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE maxpss < avgpss OR maxpss / 1024.0 / 1024.0 / "
                + "actualcorecount NOT BETWEEN 0.3 AND 8"
        );

        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task FailedJobs_CarryAnErrorCode_FinishedJobsNone_KilledJobsATaskBufferCode()
    {
        const string anyCode =
            "(piloterrorcode <> 0 OR exeerrorcode <> 0 OR ddmerrorcode <> 0 OR jobdispatchererrorcode <> 0 OR "
            + "taskbuffererrorcode <> 0)";
        Assert.Equal(
            0,
            await Db.ScalarAsync<long>(
                $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE {DemoJobs} AND jobstatus = 'failed' AND "
                    + $"NOT {anyCode}"
            )
        );
        Assert.Equal(
            0,
            await Db.ScalarAsync<long>(
                $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE {DemoJobs} AND jobstatus = 'finished' AND "
                    + $"{anyCode}"
            )
        );
        Assert.Equal(
            0,
            await Db.ScalarAsync<long>(
                $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE {DemoJobs} AND jobstatus IN ('cancelled', "
                    + $"'closed') AND taskbuffererrorcode = 0"
            )
        );
    }

    [Fact]
    public async Task Retries_HaveANewPandaIdTheSameJobNameAndTheNextAttempt()
    {
        var broken = await Db.ScalarAsync<long>(
            """
            SELECT count(*) FROM doma_panda.jedi_job_retry_history r
            JOIN doma_panda.jobsarchived4 o ON o.pandaid = r.oldpandaid
            JOIN (SELECT pandaid, jobname, attemptnr, jeditaskid, creationtime FROM doma_panda.jobsdefined4
                  UNION ALL SELECT pandaid, jobname, attemptnr, jeditaskid, creationtime FROM doma_panda.jobsactive4
                  UNION ALL SELECT pandaid, jobname, attemptnr, jeditaskid, creationtime FROM doma_panda.jobsarchived4)
                      n ON n.pandaid = r.newpandaid
            WHERE o.jobstatus <> 'failed' OR n.jobname <> o.jobname OR n.attemptnr <> o.attemptnr + 1
               OR n.jeditaskid <> r.jeditaskid OR n.creationtime < o.modificationtime OR r.newpandaid <= r.oldpandaid
            """
        );
        var retries = await Db.ScalarAsync<long>("SELECT count(*) FROM doma_panda.jedi_job_retry_history");
        var laterAttempts = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT attemptnr FROM doma_panda.jobsdefined4 UNION ALL SELECT attemptnr "
                + "FROM doma_panda.jobsactive4 "
                + "UNION ALL SELECT attemptnr FROM doma_panda.jobsarchived4) a WHERE attemptnr > 1"
        );

        Assert.Equal(0, broken);
        Assert.True(retries > 50);
        Assert.Equal(laterAttempts, retries);
    }

    [Fact]
    public async Task StatusLog_IsOrderedPerJobAndEndsInTheCurrentState()
    {
        var wrong = await Db.ScalarAsync<long>(
            """
            WITH last AS (
                SELECT DISTINCT ON (pandaid) pandaid, jobstatus FROM doma_panda.jobs_statuslog ORDER BY pandaid,
                    modificationtime DESC, jobstatus)
            SELECT count(*) FROM last JOIN (SELECT pandaid, jobstatus FROM doma_panda.jobsarchived4
                                            UNION ALL SELECT pandaid, jobstatus FROM doma_panda.jobsactive4 WHERE
                                                jobstatus = 'running') j USING (pandaid)
            WHERE last.jobstatus <> j.jobstatus
            """
        );

        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task Jobs_AreDarkSidesOnSixQueuesWithCnafTheMain()
    {
        var queues = await Db.ColumnAsync<string>(
            $"SELECT computingsite FROM doma_panda.jobsarchived4 WHERE {DemoJobs} GROUP BY computingsite ORDER "
                + $"BY count(*) DESC"
        );

        Assert.Equal(6, queues.Count);
        Assert.Equal("CNAF-DS-1", queues[0]);
        Assert.Equal(
            0,
            await Db.ScalarAsync<long>(
                $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE {DemoJobs} AND (vo <> 'wlcg' OR "
                    + $"workinggroup <> 'darkside')"
            )
        );
        Assert.Equal(6, await Db.ScalarAsync<long>("SELECT count(*) FROM doma_panda.schedconfig_json"));
    }

    [Fact]
    public async Task Datasets_UseTheDarkSideScopes_WithABlindMinority()
    {
        var scopes = await Db.ColumnAsync<string>(
            "SELECT DISTINCT split_part(datasetname, ':', 1) FROM doma_panda.jedi_datasets"
        );
        var blindTasks = await Db.ScalarAsync<double>(
            "SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM doma_panda.jedi_datasets d WHERE d.jeditaskid = "
                + "t.jeditaskid AND d.datasetname LIKE 'blind:%') THEN 1.0 ELSE 0 END) FROM doma_panda.jedi_tasks t"
        );

        Assert.Contains("data", scopes);
        Assert.Contains("mc", scopes);
        Assert.Contains("blind", scopes);
        Assert.Contains(scopes, s => s.StartsWith("user.", StringComparison.Ordinal));
        Assert.InRange(blindTasks, 0.01, 0.25);
    }

    [Fact]
    public async Task SideTables_AreWellFormed_AndThePandaIdSequenceIsPastEveryJob()
    {
        var events = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.metatable WHERE (metadata::jsonb #>> "
                + "'{resource,executor,nevents}')::bigint > 0"
        );
        var finished = await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE {DemoJobs} AND jobstatus = 'finished'"
        );
        var orphanFiles = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.filestable4 f WHERE NOT EXISTS (SELECT 1 FROM "
                + "doma_panda.jobsarchived4 j WHERE j.pandaid = f.pandaid) "
                + "AND NOT EXISTS (SELECT 1 FROM doma_panda.jobsactive4 j WHERE j.pandaid = f.pandaid) AND NOT "
                + "EXISTS (SELECT 1 FROM doma_panda.jobsdefined4 j WHERE j.pandaid = f.pandaid)"
        );
        var sequenceAhead = await Db.ScalarAsync<bool>(
            "SELECT last_value >= (SELECT max(pandaid) FROM doma_panda.jobsarchived4) FROM "
                + "doma_panda.jobsdefined4_pandaid_seq"
        );

        Assert.Equal(finished, events);
        Assert.Equal(0, orphanFiles);
        Assert.True(sequenceAhead);
    }

    [Fact]
    public void History_IsDeterministicForASeed_AndDiffersBetweenSeeds()
    {
        static List<string> Sample(int seed) =>
            new DemoHistory(new DemoSettings(seed, 1, 2000, PandaTestDatabase.SeededAtUtc))
                .Jobs()
                .Select(j => $"{j.PandaId} {j.JobName} {j.FinalStatus} {j.Created:O} {j.End:O} {j.MaxPssKb}")
                .ToList();

        Assert.Equal(Sample(3), Sample(3));
        Assert.NotEqual(Sample(3), Sample(4));
    }

    [Fact]
    public void History_VolumeFollowsJobsPerDay()
    {
        var jobs = new DemoHistory(new DemoSettings(1, 2, 5000, PandaTestDatabase.SeededAtUtc))
            .Jobs()
            .Count(j => j.AttemptNr == 1);

        Assert.InRange(jobs, 9000, 11000);
    }
}
