using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// A viewer without blind access sees blind jobs exist, but no blind-only field, directly or through filters and
/// counts.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class BlindingTests(SeededPandaFixture fixture)
{
    private PandaTestDatabase Db => fixture.Database;

    private async Task<(long PandaId, string JobName, long TaskId)> BlindFailedJobAsync()
    {
        await using var command = Db.Admin.CreateCommand(
            $"SELECT pandaid, jobname, jeditaskid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} AND jobstatus = "
                + $"'failed' AND piloterrorcode <> 0 ORDER BY pandaid LIMIT 1"
        );
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the seed has failed blind jobs");
        return (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
    }

    [Theory]
    [InlineData("proddblock=blind:blind.ds20k.*", "proddblock=blind:blind.zzzzz.*")]
    [InlineData("destinationdblock=blind:*", "destinationdblock=zzzzz:*")]
    public async Task BlindOnlyFilter_TotalNeverComesFromThePlannersEstimate(string filter, string decoy)
    {
        // Threshold 0: any estimate above it would be shown, as on a big instance where counting is slow.
        var options = new DarkSide.Monitor.Panda.Query.JobListOptions { ExactCountThreshold = 0 };
        var repository = fixture.CreateRepository(options);

        var real = await repository.GetJobsAsync(
            fixture.Parse(filter + "&days=30"),
            SeededPandaFixture.NotBlind,
            CancellationToken.None
        );
        var fake = await repository.GetJobsAsync(
            fixture.Parse(decoy + "&days=30"),
            SeededPandaFixture.NotBlind,
            CancellationToken.None
        );
        var seeing = await repository.GetJobsAsync(
            fixture.Parse(filter + "&days=30"),
            SeededPandaFixture.Blind,
            CancellationToken.None
        );

        Assert.False(real.Total.IsEstimate);
        Assert.Equal(fake.Total, real.Total);
        Assert.True(seeing.Total.IsEstimate);
    }

    [Fact]
    public async Task HiddenBlindJobs_AreNeverCountedByTheEstimate()
    {
        var repository = fixture.CreateRepository(
            new DarkSide.Monitor.Panda.Query.JobListOptions { ExactCountThreshold = 10 }
        );
        var hiding = SeededPandaFixture.NotBlind with { HidesBlindJobs = true };

        var page = await repository.GetJobsAsync(fixture.Parse("days=30"), hiding, CancellationToken.None);

        Assert.False(page.Total.IsEstimate);
        Assert.True(page.Total.AtLeast);
        Assert.Equal(10, page.Total.Value);
    }

    [Fact]
    public async Task BlindJob_WithoutAccess_IsListedWithEveryBlindOnlyFieldRedacted()
    {
        var job = await BlindFailedJobAsync();

        var row = Assert.Single((await fixture.ListAsync($"pandaid={job.PandaId}", SeededPandaFixture.NotBlind)).Jobs);

        Assert.True(row.IsBlind);
        Assert.True(row.IsRedacted);
        Assert.Null(row.JobName);
        Assert.Null(row.NEvents);
        Assert.Null(row.ProdDBlock);
        Assert.Null(row.DestinationDBlock);
        var error = Assert.Single(row.Errors);
        Assert.Null(error.Diagnostic);
        Assert.DoesNotContain("blind", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(job.TaskId, row.JediTaskId);
    }

    [Fact]
    public async Task BlindJob_WithAccess_ShowsItsFields()
    {
        var job = await BlindFailedJobAsync();

        var row = Assert.Single((await fixture.ListAsync($"pandaid={job.PandaId}", SeededPandaFixture.Blind)).Jobs);

        Assert.True(row.IsBlind);
        Assert.False(row.IsRedacted);
        Assert.Equal(job.JobName, row.JobName);
        Assert.StartsWith("blind:", row.ProdDBlock, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(row.Errors).Diagnostic);
    }

    [Fact]
    public async Task NotBlindJob_WithoutAccess_KeepsItsFields()
    {
        var page = await fixture.ListAsync("processingtype=simulation&display_limit=50", SeededPandaFixture.NotBlind);

        AssertEvery(
            page.Jobs,
            j =>
            {
                Assert.False(j.IsBlind);
                Assert.NotNull(j.JobName);
            }
        );
    }

    [Fact]
    public async Task FilterOnABlindJobName_WithoutAccess_MatchesNothing_AndCountsNothing()
    {
        var job = await BlindFailedJobAsync();
        var query = $"jobname={Uri.EscapeDataString(job.JobName)}";

        var hidden = await fixture.ListAsync(query, SeededPandaFixture.NotBlind);
        var visible = await fixture.ListAsync(query, SeededPandaFixture.Blind);

        Assert.Empty(hidden.Jobs);
        Assert.Equal(0, hidden.Total.Value);
        Assert.Contains(visible.Jobs, j => j.PandaId == job.PandaId);
    }

    [Fact]
    public async Task WildcardJobName_WithoutAccess_CountsOnlyNotBlindMatches()
    {
        var pattern = "ds20k.run*";
        var like = "ds20k.run%";
        var notBlind = await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE jobname LIKE @p AND NOT {Oracle.IsBlind}",
            ("p", like)
        );
        var all = await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE jobname LIKE @p",
            ("p", like)
        );

        var hidden = await fixture.ListAsync($"jobname={pattern}&days=30", SeededPandaFixture.NotBlind);
        var visible = await fixture.ListAsync($"jobname={pattern}&days=30", SeededPandaFixture.Blind);

        Assert.True(all > notBlind, "the pattern matches blind and not-blind jobs");
        Assert.Equal(notBlind, hidden.Total.Value);
        Assert.Equal(all, visible.Total.Value);
    }

    [Fact]
    public async Task NotSpecifiedJobName_WithoutAccess_DoesNotMatchRedactedRows()
    {
        var page = await fixture.ListAsync("jobname=Not%20specified&days=30", SeededPandaFixture.NotBlind);
        var unnamed = await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE (jobname IS NULL OR jobname = '') AND NOT {Oracle.IsBlind} "
                + "AND (pandatable <> 'jobsarchived4' OR modificationtime >= @from)",
            ("from", Oracle.Timestamp(PandaTestDatabase.SeededAtUtc.AddDays(-30)))
        );

        // PanDA leaves some jobs without a name; those match, a blinded name never does.
        Assert.True(unnamed > 0);
        Assert.Equal(unnamed, page.Total.Value);
        AssertEvery(page.Jobs, j => Assert.False(j.IsBlind));
    }

    [Fact]
    public async Task ErrorMessageOfABlindJob_WithoutAccess_MatchesNothing()
    {
        var job = await BlindFailedJobAsync();
        var diag = await Db.ScalarAsync<string>(
            "SELECT piloterrordiag FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", job.PandaId)
        );
        var query =
            "piloterrorcode=1099|1137|1212|1235|1213|1150|1201|1305|1324|1361|1377"
            + $"&errormessage={Uri.EscapeDataString(diag)}&days=30";

        var hidden = await fixture.ListAsync(query, SeededPandaFixture.NotBlind);
        var visible = await fixture.ListAsync(query, SeededPandaFixture.Blind);

        Assert.DoesNotContain(hidden.Jobs, j => j.IsBlind);
        Assert.Contains(visible.Jobs, j => j.PandaId == job.PandaId);
    }

    [Fact]
    public async Task FiltersOnOpenFields_CountBlindJobsForEveryone()
    {
        var hidden = await fixture.ListAsync("processingtype=reconstruction", SeededPandaFixture.NotBlind);
        var visible = await fixture.ListAsync("processingtype=reconstruction", SeededPandaFixture.Blind);

        Assert.Equal(visible.Total.Value, hidden.Total.Value);
        Assert.Contains(hidden.Jobs, j => j.IsRedacted);
    }
}
