using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>The job list's order and pages across PanDA's job tables, against independent orderings.</summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class JobListOrderTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private PandaTestDatabase Db => fixture.Database;

    [Fact]
    public async Task Paging_PagesAreDisjointAndFollowTheSortOrder()
    {
        var first = await fixture.ListAsync("display_limit=50&sortby=pandaid", SeededPandaFixture.Blind);
        var second = await fixture.ListAsync("display_limit=50&sortby=pandaid&page=2", SeededPandaFixture.Blind);
        var both = await fixture.ListAsync("display_limit=100&sortby=pandaid", SeededPandaFixture.Blind);

        Assert.Equal(both.Jobs.Select(j => j.PandaId), first.Jobs.Concat(second.Jobs).Select(j => j.PandaId));
        Assert.Equal(first.Total, second.Total);
    }

    [Theory]
    [InlineData("time", "modificationtime DESC, pandaid DESC")]
    [InlineData("create-ascending", "creationtime ASC, pandaid ASC")]
    [InlineData("attemptnr", "attemptnr DESC, pandaid DESC")]
    [InlineData("computingsite-ascending", "computingsite ASC NULLS LAST, pandaid ASC")]
    [InlineData("computingsite", "computingsite DESC NULLS LAST, pandaid DESC")]
    [InlineData("produsername", "produsername DESC NULLS LAST, pandaid DESC")]
    [InlineData("jobstatus-ascending", "jobstatus ASC, pandaid ASC")]
    [InlineData("transformation-ascending", "transformation ASC NULLS LAST, pandaid ASC")]
    [InlineData("jeditaskid", "jeditaskid DESC NULLS LAST, pandaid DESC")]
    [InlineData(
        "psspercore",
        "CASE WHEN actualcorecount > 0 THEN maxpss::float8 / actualcorecount END DESC NULLS LAST, pandaid DESC"
    )]
    public async Task DeepPage_MatchesAnIndependentOrderingOfAllTables(string sortby, string orderBy)
    {
        var page = await fixture.ListAsync($"sortby={sortby}&display_limit=40&page=7", SeededPandaFixture.Blind);
        var expected = await Db.ColumnAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE pandatable <> 'jobsarchived4' OR modificationtime >= "
                + $"@from ORDER BY {orderBy} OFFSET 240 LIMIT 40",
            ("from", Oracle.Timestamp(Now.AddHours(-168)))
        );

        Assert.Equal(expected, page.Jobs.Select(j => j.PandaId));
    }

    [Theory]
    [InlineData("sortby=pandaid-ascending")]
    [InlineData("sortby=PandaID")]
    public async Task SortByPandaId_Works(string sort)
    {
        var page = await fixture.ListAsync(sort, SeededPandaFixture.Blind);
        var ids = page.Jobs.Select(j => j.PandaId).ToList();

        Assert.Equal(sort.Contains("ascending", StringComparison.Ordinal) ? ids.Order() : ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task DefaultSort_IsLatestModificationFirst_AcrossTables()
    {
        var page = await fixture.ListAsync("display_limit=500", SeededPandaFixture.Blind);
        var times = page.Jobs.Select(j => j.ModificationTime).ToList();

        Assert.Equal(times.OrderDescending(), times);
        Assert.True(page.Jobs.Select(j => j.PandaTable).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData("duration")]
    [InlineData("queuetime")]
    [InlineData("create-ascending")]
    [InlineData("priority")]
    public async Task ComputedSorts_AgreeWithTheComputedColumns(string sortby)
    {
        var page = await fixture.ListAsync($"sortby={sortby}&display_limit=300&days=2", SeededPandaFixture.Blind);
        var keys = page
            .Jobs.Select(j =>
                sortby switch
                {
                    "duration" => JobTiming.Duration(j, page.QueriedAtUtc).TotalSeconds,
                    "queuetime" => JobTiming.TimeToStart(j, page.QueriedAtUtc).TotalSeconds,
                    "create-ascending" => j.CreationTime.Ticks,
                    _ => j.CurrentPriority,
                }
            )
            .ToList();

        Assert.Equal(
            sortby.EndsWith("ascending", StringComparison.Ordinal) ? keys.Order() : keys.OrderDescending(),
            keys
        );
        Assert.True(keys.Distinct().Count() > (sortby == "priority" ? 1 : 10));
    }
}
