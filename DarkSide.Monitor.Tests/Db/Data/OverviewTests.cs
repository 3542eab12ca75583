using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class OverviewTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;

    private Task<OverviewSnapshot> OverviewAsync() =>
        new OverviewRepository(
            new PandaDatabase(fixture.Database.Reader),
            fixture.CreateSqlBuilder(),
            fixture.Repository,
            fixture.ListOptions,
            new OverviewOptions()
        ).GetAsync(SeededPandaFixture.NotBlind, Now, CancellationToken.None);

    [Fact]
    public async Task SiteStates_CountTheDaysJobsPerSiteAndState_AsIndependentSql()
    {
        await using var command = fixture.Database.Admin.CreateCommand(
            $"SELECT computingsite, jobstatus, count(*) FROM {Oracle.AllJobs} WHERE modificationtime >= @from "
                + $"GROUP BY 1, 2"
        );
        command.Parameters.AddWithValue("from", Oracle.Timestamp(Now.AddHours(-24)));
        var expected = new Dictionary<(string, string), long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                // PanDA leaves computingsite NULL until brokerage: those jobs are a row of their own.
                expected[(reader.IsDBNull(0) ? "(none)" : reader.GetString(0), reader.GetString(1))] = reader.GetInt64(
                    2
                );
            }
        }

        var overview = await OverviewAsync();

        var actual = overview
            .Sites.SelectMany(s => s.Counts.Select(c => ((s.Site ?? "(none)", c.Key), c.Value)))
            .ToDictionary(x => x.Item1, x => x.Value);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
        var site = overview.Sites[0];
        Assert.Equal(
            100.0 * site.Count("failed") / (site.Count("failed") + site.Count("finished")),
            site.FailurePercent!.Value,
            6
        );
    }

    [Fact]
    public async Task StalledJobs_AreWorkingJobsWithoutAStateChange_OldestFirst()
    {
        var expected = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsactive4 WHERE statechangetime < @before AND jobstatus IN "
                + "('sent', 'starting', 'running', 'holding', 'transferring', 'merging')",
            ("before", Oracle.Timestamp(Now.AddHours(-new OverviewOptions().StalledHours)))
        );

        var overview = await OverviewAsync();

        Assert.Equal(expected, overview.StalledTotal);
        Assert.Equal(Math.Min(expected, OverviewRepository.StalledShown), overview.Stalled.Count);
        Assert.Equal(
            overview.Stalled.Select(s => s.StateChangeTime).Order(),
            overview.Stalled.Select(s => s.StateChangeTime)
        );
        Assert.InRange(overview.TopErrors.Count, 1, OverviewRepository.TopErrorCount);
    }
}
