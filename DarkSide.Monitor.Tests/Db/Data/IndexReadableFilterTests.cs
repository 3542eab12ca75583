using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

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

    [Theory]
    [InlineData("blind")]
    [InlineData("blind", "mc", "user")]
    [InlineData("data", "no_such_scope", "bl%nd")]
    public async Task BlindTasksReadAsIndexRanges_AreTheTasksThePatternsMatch(params string[] scopes)
    {
        var options = MsOptions.Create(new BlindingOptions { BlindScopes = scopes });
        var byRange = new BlindDataPolicy(options, MsOptions.Create(fixture.Database.Options), fixture.Schema);
        var byPattern = new BlindDataPolicy(
            options,
            MsOptions.Create(fixture.Database.Options),
            PandaTestDatabase.Unchecked(fixture.Database)
        );

        async Task<List<long>> TasksAsync(BlindDataPolicy policy) =>
            await fixture.Database.ColumnAsync<long>(
                $"WITH {policy.BlindTasksCte("@patterns")} SELECT jeditaskid FROM blind_tasks ORDER BY 1",
                ("patterns", policy.DatasetNamePatterns)
            );

        var expected = await TasksAsync(byPattern);

        Assert.Contains("unnest(@p)", byRange.BlindTasksCte("@p"), StringComparison.Ordinal);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await TasksAsync(byRange));
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

    [Theory]
    [InlineData("*{0}*")]
    [InlineData("{0}")]
    [InlineData("{0}|nobody-at-all")]
    public async Task AUserPattern_ResolvedToNames_SelectsWhatThePatternSelects(string form)
    {
        var surname = await fixture.Database.ScalarAsync<string>(
            "SELECT lower(split_part(produsername, ' ', 2)) FROM doma_panda.jobsarchived4 "
                + "WHERE produsername LIKE '% %' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        var query = fixture.Parse($"produsername={string.Format(form, surname)}&days=30&display_limit=1000");
        var resolved = await fixture.Repository.ResolveAsync(query, CancellationToken.None);
        // What the pattern itself selects, counted by the statement without resolution.
        await using var count = fixture
            .CreateSqlBuilder()
            .CountCommand(query, SeededPandaFixture.Blind, explain: false);
        var expected = (
            await new PandaDatabase(fixture.Database.Reader).ReadAllAsync(
                count,
                r => r.GetInt64(0),
                CancellationToken.None
            )
        ).Single();

        var page = await fixture.Repository.GetJobsAsync(query, SeededPandaFixture.Blind, CancellationToken.None);

        var names = Assert.IsType<ResolvedTextJobFilter>(Assert.Single(resolved.Filters));
        Assert.NotEmpty(names.Values);
        Assert.True(expected > 0);
        Assert.Equal(expected, page.Total.Value);
        AssertEvery(page.Jobs, j => Assert.Contains(surname, j.ProdUserName!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ANegatedUserPattern_IsNotResolved_ForItAlsoSelectsJobsWithoutAUser()
    {
        var query = fixture.Parse("produsername=!*rossi*&days=30");

        var resolved = await fixture.Repository.ResolveAsync(query, CancellationToken.None);

        Assert.IsType<TextJobFilter>(Assert.Single(resolved.Filters));
    }
}
