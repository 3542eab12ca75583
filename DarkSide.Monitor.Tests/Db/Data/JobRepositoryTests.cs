using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class JobRepositoryTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private PandaTestDatabase Db => fixture.Database;

    private Task<long> OracleCountAsync(string where, params (string, object)[] parameters) =>
        Db.ScalarAsync<long>($"SELECT count(*) FROM {Oracle.AllJobs} WHERE {where}", parameters);

    [Fact]
    public async Task DefaultWindow_ArchivedJobsOfTheLastWeekPlusEveryUnfinishedJob()
    {
        var page = await fixture.ListAsync("", SeededPandaFixture.Blind);
        var expected = await OracleCountAsync(
            "(pandatable <> 'jobsarchived4' OR modificationtime >= @from)",
            ("from", Oracle.Timestamp(Now.AddHours(-168)))
        );

        Assert.Equal(expected, page.Total.Value);
        Assert.False(page.Total.IsEstimate);
        Assert.Equal(100, page.Jobs.Count);
    }

    [Fact]
    public async Task Hours_WindowsActiveTablesToo()
    {
        var page = await fixture.ListAsync("hours=3", SeededPandaFixture.Blind);
        var expected = await OracleCountAsync(
            "modificationtime >= @from",
            ("from", Oracle.Timestamp(Now.AddHours(-3)))
        );

        Assert.Equal(expected, page.Total.Value);
        AssertEvery(page.Jobs, j => Assert.True(j.ModificationTime >= Now.AddHours(-3)));
    }

    [Fact]
    public async Task DateRange_SelectsArchivedJobsInsideIt()
    {
        var page = await fixture.ListAsync(
            "date_from=2026-06-13T00:00&date_to=2026-06-14T00:00&jobstatus=finished",
            SeededPandaFixture.Blind
        );
        var expected = await OracleCountAsync(
            "jobstatus = 'finished' AND modificationtime >= '2026-06-13' AND modificationtime < '2026-06-14'"
        );

        Assert.Equal(expected, page.Total.Value);
        Assert.True(expected > 100);
    }

    [Fact]
    public async Task SiteAndStatus_MatchAcrossTables()
    {
        var page = await fixture.ListAsync(
            "computingsite=CNAF-DS-1&jobstatus=running|failed&display_limit=1000",
            SeededPandaFixture.Blind
        );
        var expected = await OracleCountAsync(
            "computingsite = 'CNAF-DS-1' AND jobstatus IN ('running', 'failed') AND (pandatable <> "
                + "'jobsarchived4' OR modificationtime >= @from)",
            ("from", Oracle.Timestamp(Now.AddHours(-168)))
        );

        Assert.Equal(expected, page.Total.Value);
        Assert.Contains(page.Jobs, j => j.PandaTable == "jobsactive4" && j.JobStatus == "running");
        Assert.Contains(page.Jobs, j => j.PandaTable == "jobsarchived4" && j.JobStatus == "failed");
        AssertEvery(page.Jobs, j => Assert.Equal("CNAF-DS-1", j.ComputingSite));
    }

    [Fact]
    public async Task ExactTerm_IsCaseInsensitive_AsInBigPanda()
    {
        var upper = await fixture.ListAsync("computingsite=CNAF-DS-1&days=2", SeededPandaFixture.Blind);
        var lower = await fixture.ListAsync("computingsite=cnaf-ds-1&days=2", SeededPandaFixture.Blind);

        Assert.Equal(upper.Total.Value, lower.Total.Value);
        Assert.True(upper.Total.Value > 0);
    }

    [Fact]
    public async Task Wildcard_AndConjunction_AndNegation()
    {
        var himem = await fixture.ListAsync("computingsite=*HIMEM&display_limit=1000", SeededPandaFixture.Blind);
        var cnafNotHimem = await fixture.ListAsync("computingsite=CNAF*,!*HIMEM", SeededPandaFixture.Blind);
        var cnaf1 = await fixture.ListAsync("computingsite=CNAF-DS-1", SeededPandaFixture.Blind);

        AssertEvery(himem.Jobs, j => Assert.Equal("CNAF-DS-HIMEM", j.ComputingSite));
        Assert.True(himem.Total.Value > 0);
        Assert.Equal(cnaf1.Total.Value, cnafNotHimem.Total.Value);
    }

    [Fact]
    public async Task Alternatives_AreOr()
    {
        var both = await fixture.ListAsync("computingsite=RAL-DS|FNAL-DS", SeededPandaFixture.Blind);
        var ral = await fixture.ListAsync("computingsite=RAL-DS", SeededPandaFixture.Blind);
        var fnal = await fixture.ListAsync("computingsite=FNAL-DS", SeededPandaFixture.Blind);

        Assert.Equal(ral.Total.Value + fnal.Total.Value, both.Total.Value);
    }

    [Fact]
    public async Task NegatedTerm_KeepsEverythingElse()
    {
        var all = await fixture.ListAsync("", SeededPandaFixture.Blind);
        var simulation = await fixture.ListAsync("processingtype=simulation", SeededPandaFixture.Blind);
        var notSimulation = await fixture.ListAsync(
            "processingtype=!simulation&display_limit=1000",
            SeededPandaFixture.Blind
        );

        Assert.Equal(all.Total.Value - simulation.Total.Value, notSimulation.Total.Value);
        Assert.DoesNotContain(notSimulation.Jobs, j => j.ProcessingType == "simulation");
    }

    [Fact]
    public async Task ProdUserName_WithoutWildcard_MatchesAnyPartOfTheName()
    {
        var page = await fixture.ListAsync("produsername=rossi&display_limit=1000", SeededPandaFixture.Blind);
        var expected = await OracleCountAsync(
            "produsername ILIKE '%rossi%' AND (pandatable <> 'jobsarchived4' OR modificationtime >= @from)",
            ("from", Oracle.Timestamp(Now.AddHours(-168)))
        );

        Assert.Equal(expected, page.Total.Value);
        AssertEvery(page.Jobs, j => Assert.Contains("rossi", j.ProdUserName, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Transformation_MatchesASubstring()
    {
        var page = await fixture.ListAsync("transformation=runGen&display_limit=1000", SeededPandaFixture.Blind);

        Assert.True(page.Total.Value > 0);
        AssertEvery(page.Jobs, j => Assert.Equal("runGen-00-00-02", JobTiming.TransformationName(j.Transformation)));
    }

    [Fact]
    public async Task PriorityRange_IsInclusive()
    {
        var page = await fixture.ListAsync("priorityrange=880:890&display_limit=1000", SeededPandaFixture.Blind);
        var expected = await OracleCountAsync(
            "currentpriority BETWEEN 880 AND 890 AND (pandatable <> 'jobsarchived4' OR modificationtime >= @from)",
            ("from", Oracle.Timestamp(Now.AddHours(-168)))
        );

        Assert.Equal(expected, page.Total.Value);
        Assert.Contains(page.Jobs, j => j.CurrentPriority == 890);
    }

    [Fact]
    public async Task ErrorCode_AndErrorMessage_SelectTheFailures()
    {
        var code = await fixture.ListAsync("piloterrorcode=1099", SeededPandaFixture.Blind);
        var diag = await Db.ScalarAsync<string>(
            "SELECT piloterrordiag FROM doma_panda.jobsarchived4 WHERE piloterrorcode = 1099 ORDER BY pandaid LIMIT 1"
        );
        var message = await fixture.ListAsync(
            $"piloterrorcode=1099&errormessage={Uri.EscapeDataString(diag)}",
            SeededPandaFixture.Blind
        );

        Assert.True(code.Total.Value > 1);
        AssertEvery(code.Jobs, j => Assert.Contains(j.Errors, e => e.Component == "pilot" && e.Code == 1099));
        Assert.Equal(
            await Db.ScalarAsync<long>(
                "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE piloterrordiag = @d AND modificationtime >= @from",
                ("d", diag),
                ("from", Oracle.Timestamp(Now.AddHours(-168)))
            ),
            message.Total.Value
        );
    }

    [Fact]
    public async Task DeepQuery_ByPandaId_IgnoresTheWindow()
    {
        var old = await Db.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE modificationtime < @t ORDER BY pandaid LIMIT 1",
            ("t", Oracle.Timestamp(Now.AddHours(-72)))
        );

        var deep = await fixture.ListAsync($"pandaid={old}", SeededPandaFixture.Blind);
        var windowed = await fixture.ListAsync($"pandaid={old}&hours=24", SeededPandaFixture.Blind);

        Assert.Equal(old, Assert.Single(deep.Jobs).PandaId);
        Assert.Empty(windowed.Jobs);
    }

    [Fact]
    public async Task DeepQuery_ByTask_ReturnsEveryAttemptInEveryTable_LatestAttemptsFirst()
    {
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jobsactive4 j WHERE EXISTS (SELECT 1 FROM "
                + "doma_panda.jobsarchived4 a WHERE a.jeditaskid = j.jeditaskid AND a.attemptnr > 1) ORDER BY "
                + "jeditaskid LIMIT 1"
        );

        var page = await fixture.ListAsync(
            $"jeditaskid={task}&display_limit=1000&mode=nodrop",
            SeededPandaFixture.Blind
        );

        Assert.Equal(await OracleCountAsync("jeditaskid = @t", ("t", task)), page.Total.Value);
        Assert.Contains(page.Jobs, j => j.PandaTable == "jobsactive4");
        Assert.Contains(page.Jobs, j => j.PandaTable == "jobsarchived4");
        Assert.Equal(page.Jobs.Select(j => j.AttemptNr).OrderDescending(), page.Jobs.Select(j => j.AttemptNr));
    }

    [Fact]
    public async Task Task_DropsRetriedJobsByDefault_AsBigPandasDropMode()
    {
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jobsarchived4 WHERE attemptnr > 1 GROUP BY jeditaskid ORDER BY "
                + "count(*) DESC LIMIT 1"
        );
        var retried = await Db.ScalarAsync<long>(
            "SELECT count(DISTINCT oldpandaid) FROM doma_panda.jedi_job_retry_history WHERE jeditaskid = @t AND "
                + "relationtype = 'retry'",
            ("t", task)
        );

        var dropped = await fixture.ListAsync($"jeditaskid={task}&display_limit=1000", SeededPandaFixture.Blind);
        var every = await fixture.ListAsync(
            $"jeditaskid={task}&display_limit=1000&mode=nodrop",
            SeededPandaFixture.Blind
        );

        Assert.True(retried > 0);
        Assert.Equal(every.Total.Value - retried, dropped.Total.Value);
        var retriedIds = (
            await Db.ColumnAsync<long>(
                "SELECT oldpandaid FROM doma_panda.jedi_job_retry_history WHERE jeditaskid = @t",
                ("t", task)
            )
        ).ToHashSet();
        Assert.DoesNotContain(dropped.Jobs, j => retriedIds.Contains(j.PandaId));
    }

    [Fact]
    public async Task Limit_CapsWhatCanBePaged_AndSaysSo()
    {
        var first = await fixture.ListAsync("limit=30&display_limit=20", SeededPandaFixture.Blind);
        var second = await fixture.ListAsync("limit=30&display_limit=20&page=2", SeededPandaFixture.Blind);

        Assert.Equal(20, first.Jobs.Count);
        Assert.Equal(10, second.Jobs.Count);
        Assert.Equal(30, first.Total.LimitedTo);
        Assert.Equal(30, first.Total.Pageable);
        Assert.True(first.Total.Value > 30);
    }

    [Fact]
    public async Task Count_AboveTheThreshold_IsThePlannersEstimate()
    {
        var repository = fixture.CreateRepository(new JobListOptions { ExactCountThreshold = 10 });

        var exact = await fixture.ListAsync("days=5", SeededPandaFixture.Blind);
        var estimated = await repository.GetJobsAsync(
            fixture.Parse("days=5"),
            SeededPandaFixture.Blind,
            CancellationToken.None
        );

        Assert.True(estimated.Total.IsEstimate);
        Assert.InRange(estimated.Total.Value, exact.Total.Value / 3, exact.Total.Value * 3);
    }

    [Fact]
    public async Task ArchiveSchema_IsReadForOldWindows_AndCopiesOfRecentJobsCountOnce()
    {
        var recent = await Db.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 ORDER BY pandaid LIMIT 1"
        );
        const long archivedOnly = 5_000_000_001;
        var columns = DarkSide.Monitor.Panda.Db.PandaJobColumns.SqlList;
        await Db.ExecuteAsync(
            $"INSERT INTO doma_pandaarch.jobsarchived ({columns}) SELECT {columns} FROM "
                + $"doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", recent)
        );
        await Db.ExecuteAsync(
            $"INSERT INTO doma_pandaarch.jobsarchived ({columns}) SELECT "
                + columns
                    .Replace("pandaid,", "@id,", StringComparison.Ordinal)
                    .Replace("statechangetime,", "@old,", StringComparison.Ordinal)
                + " FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", recent),
            ("id", archivedOnly),
            ("old", Oracle.Timestamp(Now.AddDays(-400)))
        );
        try
        {
            var both = await fixture.ListAsync($"pandaid={recent},{archivedOnly}", SeededPandaFixture.Blind);
            var old = await fixture.ListAsync("date_from=2025-01-01&date_to=2025-12-31", SeededPandaFixture.Blind);

            Assert.Equal(2, both.Total.Value);
            Assert.Equal("jobsarchived4", both.Jobs.Single(j => j.PandaId == recent).PandaTable);
            Assert.Equal("jobsarchived", both.Jobs.Single(j => j.PandaId == archivedOnly).PandaTable);
            Assert.Contains(archivedOnly, old.Jobs.Select(j => j.PandaId));
            Assert.DoesNotContain(recent, old.Jobs.Select(j => j.PandaId));
            AssertEvery(old.Jobs, j => Assert.Equal("jobsarchived", j.PandaTable));
        }
        finally
        {
            await Db.ExecuteAsync(
                "DELETE FROM doma_pandaarch.jobsarchived WHERE pandaid IN (@p, @id)",
                ("p", recent),
                ("id", archivedOnly)
            );
        }
    }

    [Fact]
    public async Task Cancellation_StopsTheQuery()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Repository.GetJobsAsync(fixture.Parse(""), SeededPandaFixture.Blind, cancel.Token)
        );
    }
}
