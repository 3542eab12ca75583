using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// Filters rewritten so PanDA's own indexes can read them select exactly what the plain predicates select.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class IndexReadableFilterTests(SeededPandaFixture fixture)
{
    [Fact]
    public void TheStartupCheck_FindsThatJobnameSortsByCodePoint_OnThisCluster()
    {
        // test.sh creates its cluster with --locale=C.UTF-8, as the demo does.
        Assert.True(fixture.Schema.TextSortsByCodePoint);
    }

    [Fact]
    public async Task AJobnamePrefix_SelectsTheJobsWhoseNameStartsWithIt()
    {
        var name = await fixture.Database.ScalarAsync<string>(
            "SELECT jobname FROM doma_panda.jobsarchived4 WHERE jobname LIKE '%.%.%' ORDER BY pandaid LIMIT 1"
        );
        var prefix = name[..(name.LastIndexOf('.') + 1)];
        var expected = await fixture.Database.ColumnAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE starts_with(jobname, @p) ORDER BY 1",
            ("p", prefix)
        );

        var page = await fixture.ListAsync(
            $"jobname={Uri.EscapeDataString(prefix)}*&display_limit=1000",
            SeededPandaFixture.Blind
        );

        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Jobs.Select(j => j.PandaId).Order());
    }

    [Fact]
    public async Task ASiteInAnotherCase_SelectsWhatItsOwnSpellingSelects()
    {
        var site = await fixture.Database.ScalarAsync<string>(
            "SELECT computingsite FROM doma_panda.jobsarchived4 WHERE computingsite IS NOT NULL "
                + "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );

        var exact = await fixture.ListAsync($"computingsite={site}&days=3", SeededPandaFixture.Blind);
        var lower = await fixture.ListAsync(
            $"computingsite={site.ToLowerInvariant()}&days=3",
            SeededPandaFixture.Blind
        );

        Assert.True(exact.Total.Value > 0);
        Assert.Equal(exact.Total.Value, lower.Total.Value);
        Assert.Equal(exact.Jobs.Select(j => j.PandaId), lower.Jobs.Select(j => j.PandaId));
        AssertEvery(lower.Jobs, j => Assert.Equal(site, j.ComputingSite));
    }
}
