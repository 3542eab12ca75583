using System.Globalization;
using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class OverviewTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;

    /// <summary>Not a whole hour: a window of whole hours would hide an off-by-an-hour bin.</summary>
    private static readonly DateTime From = Now.AddHours(-6).AddMinutes(-17);

    private Task<OverviewSnapshot> OverviewAsync() =>
        new OverviewRepository(
            new PandaDatabase(fixture.Database.Reader),
            fixture.CreateSqlBuilder(),
            fixture.Repository,
            fixture.ListOptions
        ).GetAsync(SeededPandaFixture.NotBlind, From, Now, Now, CancellationToken.None);

    [Fact]
    public async Task SiteStates_CountTheWindowsJobsPerSiteAndState_AsIndependentSql()
    {
        await using var command = fixture.Database.Admin.CreateCommand(
            $"SELECT computingsite, jobstatus, count(*) FROM {Oracle.AllJobs} WHERE modificationtime >= @from "
                + $"AND modificationtime < @to GROUP BY 1, 2"
        );
        command.Parameters.AddWithValue("from", Oracle.Timestamp(From));
        command.Parameters.AddWithValue("to", Oracle.Timestamp(Now));
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
    public async Task Sparklines_PutEachFinalJobInTheBinOfItsModificationTime()
    {
        var overview = await OverviewAsync();
        var bins = OverviewRepository.BinCount(Now - From);
        var width = (Now - From).TotalSeconds / bins;
        var times = await fixture.Database.ColumnAsync<string>(
            $"SELECT coalesce(computingsite, '') || '|' || jobstatus || '|' || "
                + $"extract(epoch FROM modificationtime - @from)::text FROM {Oracle.AllJobs} WHERE "
                + $"modificationtime >= @from AND modificationtime < @to AND jobstatus IN ('finished', 'failed')",
            ("from", Oracle.Timestamp(From)),
            ("to", Oracle.Timestamp(Now))
        );
        var expected = times
            .Select(t => t.Split('|'))
            .GroupBy(t =>
                (Site: t[0], Status: t[1], Bin: (int)(double.Parse(t[2], CultureInfo.InvariantCulture) / width))
            )
            .ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.NotEmpty(expected);
        Assert.Equal(TimeSpan.FromSeconds(width), overview.BinWidth);
        foreach (var site in overview.Sites)
        {
            Assert.Equal(bins, site.Bins.Count);
            for (var bin = 0; bin < bins; bin++)
            {
                var key = site.Site ?? "";
                Assert.Equal(expected.GetValueOrDefault((key, "failed", bin)), site.Bins[bin].Failed);
                Assert.Equal(expected.GetValueOrDefault((key, "finished", bin)), site.Bins[bin].Finished);
            }
        }
    }

    [Fact]
    public async Task SiteErrors_AreTheCodesMostOfTheSitesFailedJobsHave_AsIndependentSql()
    {
        var rows = await fixture.Database.ColumnAsync<string>(
            """
            SELECT coalesce(computingsite, '') || '|' || c.component || ':' || c.code || '|' || count(*)
            FROM doma_panda.jobsarchived4 j,
                LATERAL (VALUES ('pilot', piloterrorcode), ('exe', exeerrorcode), ('sup', superrorcode),
                    ('ddm', ddmerrorcode), ('brokerage', brokerageerrorcode),
                    ('jobdispatcher', jobdispatchererrorcode), ('taskbuffer', taskbuffererrorcode)) c(component, code)
            WHERE jobstatus = 'failed' AND modificationtime >= @from AND modificationtime < @to AND c.code <> 0
            GROUP BY computingsite, c.component, c.code
            """,
            ("from", Oracle.Timestamp(From)),
            ("to", Oracle.Timestamp(Now))
        );
        var expected = rows.Select(r => r.Split('|'))
            .GroupBy(r => r[0])
            .ToDictionary(
                g => g.Key,
                g =>
                    g.Select(r => (Key: r[1], Jobs: long.Parse(r[2], CultureInfo.InvariantCulture)))
                        .OrderByDescending(e => e.Jobs)
                        .ThenBy(e => e.Key, StringComparer.Ordinal)
                        .Take(OverviewRepository.SiteErrorsShown)
                        .ToList()
            );

        var overview = await OverviewAsync();

        Assert.Contains(expected.Values, e => e.Count == OverviewRepository.SiteErrorsShown);
        foreach (var site in overview.Sites)
        {
            Assert.Equal(
                expected.GetValueOrDefault(site.Site ?? "", []),
                site.TopErrors.Select(e => (e.Key, e.Jobs)).ToList()
            );
        }
    }

    [Fact]
    public async Task StalledJobs_AreWorkingJobsWithoutAStateChange_OldestFirst()
    {
        var expected = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsactive4 WHERE statechangetime < @before AND jobstatus IN "
                + "('sent', 'starting', 'running', 'holding', 'transferring', 'merging')",
            ("before", Oracle.Timestamp(Now.AddHours(-fixture.ListOptions.StalledHours)))
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
