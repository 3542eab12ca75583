using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class JobDetailTests(SeededPandaFixture fixture)
{
    private static readonly ViewerAccess Admin = new("carol", CanSeeBlindData: true, IsAdmin: true);
    private static readonly ViewerAccess AdminWithoutBlind = new("dave", CanSeeBlindData: false, IsAdmin: true);

    private PandaTestDatabase Db => fixture.Database;

    private JobDetailRepository Repository => fixture.CreateJobDetailRepository();

    private Task<JobDetail?> GetAsync(long pandaId, ViewerAccess viewer) =>
        Repository.GetAsync(pandaId, viewer, PandaTestDatabase.SeededAtUtc, CancellationToken.None);

    private async Task<(long Old, long New)> RetriedPilotFailureAsync(bool blind)
    {
        var ids = await Db.ColumnAsync<long>(
            $"""
            SELECT r.oldpandaid FROM doma_panda.jedi_job_retry_history r JOIN doma_panda.jobsarchived4 j ON j.pandaid =
                r.oldpandaid
            WHERE j.piloterrorcode <> 0 AND {(blind ? "" : "NOT ")}{Oracle.IsBlind} ORDER BY r.oldpandaid LIMIT 1
            """
        );
        var old = Assert.Single(ids);
        return (
            old,
            await Db.ScalarAsync<long>(
                "SELECT newpandaid FROM doma_panda.jedi_job_retry_history WHERE oldpandaid = @p",
                ("p", old)
            )
        );
    }

    [Fact]
    public async Task RetriedFailure_ShowsErrorsStatesFilesAndItsRetry()
    {
        var (old, retry) = await RetriedPilotFailureAsync(blind: false);
        var code = await Db.ScalarAsync<int>(
            "SELECT piloterrorcode FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", old)
        );

        var detail = Assert.IsType<JobDetail>(await GetAsync(old, Admin));

        var error = Assert.Single(detail.Errors);
        Assert.Equal(("pilot", code), (error.Component, error.Code));
        Assert.False(string.IsNullOrEmpty(error.Description));
        Assert.NotNull(error.Diagnostic);
        Assert.Equal("defined", detail.States[0].Status);
        Assert.Equal("failed", detail.States[^1].Status);
        Assert.Equal(detail.States.Select(s => s.EnteredUtc).Order(), detail.States.Select(s => s.EnteredUtc));
        AssertEvery(detail.States, s => Assert.True(s.Duration >= TimeSpan.Zero));
        Assert.Contains(detail.Files, f => f.Type == "input" && f.Lfn is not null);
        Assert.DoesNotContain(detail.Files, f => f.Type == "output");
        var attempts = detail.Attempts.Select(a => a.PandaId).ToList();
        Assert.Contains(old, attempts);
        Assert.Equal("retry of this one", detail.Attempts.Single(a => a.PandaId == retry).Relation);
        Assert.Equal(detail.Attempts.Select(a => a.AttemptNr).Order(), detail.Attempts.Select(a => a.AttemptNr));
        Assert.Equal(127, detail.Fields.Count);
        Assert.Equal(old.ToString(), detail.Fields.Single(f => f.Name == "pandaid").Value);
        Assert.Equal(
            await Db.ScalarAsync<string>(
                "SELECT jobparameters FROM doma_panda.jobparamstable WHERE pandaid = @p",
                ("p", old)
            ),
            detail.JobParameters
        );
    }

    [Fact]
    public async Task Retry_PointsBackToTheFailedAttempt()
    {
        var (old, retry) = await RetriedPilotFailureAsync(blind: false);

        var detail = Assert.IsType<JobDetail>(await GetAsync(retry, SeededPandaFixture.NotBlind));

        Assert.Equal("retried from this one", detail.Attempts.Single(a => a.PandaId == old).Relation);
        Assert.Null(detail.JobParameters);
        Assert.Null(detail.Metadata);
    }

    [Fact]
    public async Task BlindJob_WithoutBlindAccess_RedactsEveryBlindOnlyValue_EvenForAnAdmin()
    {
        var (old, _) = await RetriedPilotFailureAsync(blind: true);

        var detail = Assert.IsType<JobDetail>(await GetAsync(old, AdminWithoutBlind));

        Assert.True(detail.Job.IsRedacted);
        AssertEvery(
            detail.Fields.Where(f => BlindDataPolicy.BlindOnlyJobColumns.Contains(f.Name)),
            f =>
            {
                Assert.True(f.Redacted);
                Assert.Null(f.Value);
            }
        );
        Assert.NotNull(detail.Job.ComputingSite);
        AssertEvery(detail.Files, f => Assert.Null(f.Lfn ?? f.Dataset));
        Assert.Null(Assert.Single(detail.Errors).Diagnostic);
        Assert.Null(detail.JobParameters);
        Assert.True(detail.Attempts.Count >= 2);
        var jobName = await Db.ScalarAsync<string>(
            "SELECT jobname FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", old)
        );
        var dataset = await Db.ScalarAsync<string>(
            "SELECT proddblock FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", old)
        );
        var run = dataset[(dataset.IndexOf(".run", StringComparison.Ordinal) + 1)..][..9];
        Assert.DoesNotContain(
            detail.Fields,
            f =>
                f.Value is { } v
                && (v.Contains(jobName, StringComparison.Ordinal) || v.Contains(run, StringComparison.Ordinal))
        );
    }

    [Fact]
    public async Task FinishedJob_HasItsCpuEfficiencyAndPilotLog()
    {
        var id = await Db.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'finished' AND cpuconsumptiontime > "
                + "0 AND pilotid IS NOT NULL "
                + "AND pandaid IN (SELECT pandaid FROM doma_panda.filestable4 WHERE type = 'output') ORDER BY "
                + "pandaid LIMIT 1"
        );
        var expected = await Db.ScalarAsync<double>(
            "SELECT cpuconsumptiontime / (extract(epoch FROM endtime - starttime) * actualcorecount) FROM "
                + "doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", id)
        );

        var detail = Assert.IsType<JobDetail>(await GetAsync(id, Admin));

        Assert.Equal(expected, detail.CpuEfficiency(PandaTestDatabase.SeededAtUtc)!.Value, 6);
        Assert.StartsWith("https://", detail.PilotLogUrl, StringComparison.Ordinal);
        Assert.Contains(detail.Files, f => f.Type == "output");
        Assert.NotNull(detail.Metadata);
    }

    [Fact]
    public async Task UnknownPandaId_IsNotFound()
    {
        Assert.Null(await GetAsync(42, SeededPandaFixture.Blind));
    }
}
