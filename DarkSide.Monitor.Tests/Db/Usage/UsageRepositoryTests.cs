using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Tests.Db.Usage;

/// <summary>
/// The coordinator views' data from the rollups of the shared seeded database, checked against plain SQL on PanDA's
/// tables.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class UsageRepositoryTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private static readonly ViewerAccess Hiding = SeededPandaFixture.NotBlind with { HidesBlindJobs = true };
    private const string Ended = "jobstatus IN ('finished', 'failed', 'cancelled', 'closed')";

    private UsageRepository Repository => UsageRollupHarness.Repository(fixture.Database);

    private static UsageQuery Parse(string query, UsageView view = UsageView.Usage)
    {
        var parsed = UsageQueryParser.Parse(QueryHelpers.ParseQuery(query), Now, view);
        return parsed.Query ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors));
    }

    private Task<long> DirectAsync(string select, UsageQuery query, string condition = "true") =>
        fixture.Database.ScalarAsync<long>(
            $"SELECT coalesce({select}, 0)::bigint FROM doma_panda.jobsarchived4 j WHERE {Ended} AND "
                + $"modificationtime >= @from AND modificationtime < @to AND {condition}",
            ("from", query.Window.From),
            ("to", query.Window.To)
        );

    [Fact]
    public async Task Usage_TablesAddUpToTheSameTotal_AndEqualTheJobTable()
    {
        var query = Parse("days=7");
        var report = await Repository.GetUsageAsync(query, SeededPandaFixture.Blind, CancellationToken.None);

        Assert.Equal(await DirectAsync("count(*)", query), report.Total.Jobs);
        Assert.Equal(await DirectAsync("count(*) FILTER (WHERE jobstatus = 'failed')", query), report.Total.Failed);
        Assert.Equal(await DirectAsync("sum(nevents)", query), (long)report.Total.Events);
        Assert.Equal(
            await DirectAsync("round(sum(cpuconsumptiontime))", query),
            (long)Math.Round(report.Total.CpuSeconds)
        );
        foreach (var (table, rows) in report.Tables)
        {
            var sum = UsageSql.Sum(rows.Select(r => r.Totals));
            Assert.True(sum == report.Total, $"the {table} table adds up to {sum}, not {report.Total}");
        }

        Assert.Equal(report.Total, UsageSql.Sum(report.Days.Select(d => d.Totals)));
        Assert.Equal(
            ["analysis", "other", "production"],
            report.Tables["activity"].Select(g => g.Value).Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public async Task Usage_ForAViewerWithoutBlindAccess_CountsBlindJobsButNotTheirEventsOrBytes()
    {
        var query = Parse("days=7");
        var open = await Repository.GetUsageAsync(query, SeededPandaFixture.NotBlind, CancellationToken.None);
        var blindCondition = $"({Oracle.IsBlind} OR coalesce(j.proddblock LIKE 'blind:%', false))";

        Assert.Equal(await DirectAsync("count(*)", query), open.Total.Jobs);
        Assert.Equal(await DirectAsync("sum(nevents)", query, $"NOT {blindCondition}"), (long)open.Total.Events);
        Assert.Equal(
            await DirectAsync("sum(outputfilebytes)", query, $"NOT {blindCondition}"),
            (long)open.Total.OutputBytes
        );
        Assert.True(
            await DirectAsync("sum(nevents)", query, blindCondition) > 0,
            "the seeded window has blind events to leave out"
        );
        Assert.True(open.BlindEventsExcluded);

        var hidden = await Repository.GetUsageAsync(query, Hiding, CancellationToken.None);
        Assert.Equal(await DirectAsync("count(*)", query, $"NOT {blindCondition}"), hidden.Total.Jobs);
    }

    [Fact]
    public async Task Usage_Filter_NarrowsEveryTable_AndTheJobListLinkCountsTheSameJobs()
    {
        var site = await fixture.Database.ScalarAsync<string>(
            "SELECT computingsite FROM doma_panda.jobsarchived4 WHERE computingsite IS NOT NULL GROUP BY 1 "
                + "ORDER BY count(*) LIMIT 1"
        );
        var query = Parse($"days=5&computingsite={site}&activity=production");
        var report = await Repository.GetUsageAsync(query, SeededPandaFixture.Blind, CancellationToken.None);

        Assert.Equal([site], report.Tables["computingsite"].Select(g => g.Value));
        Assert.Equal(["production"], report.Tables["activity"].Select(g => g.Value));
        Assert.Equal(
            await DirectAsync(
                "count(*)",
                query,
                $"computingsite = '{site}' AND prodsourcelabel IN ('managed', 'prod_test')"
            ),
            report.Total.Jobs
        );

        // The jobs number links to the job list; that list must count exactly these jobs.
        var user = report.Tables["produsername"][0];
        var link = UsageJobLinks.Jobs(
            query.Window.From,
            query.Window.To,
            query.Filters.Append((UsageDimensions.User, user.Value))
        );
        var list = await fixture.ListAsync(new Uri("http://x" + link).Query, SeededPandaFixture.Blind);
        Assert.Equal(user.Totals.Jobs, list.Total.Value);
    }

    [Fact]
    public async Task Usage_TakesTheJobListsGrammar_AndCountsWhatTheJobListCounts()
    {
        var site = await fixture.Database.ScalarAsync<string>(
            "SELECT computingsite FROM doma_panda.jobsarchived4 WHERE computingsite IS NOT NULL GROUP BY 1 "
                + "ORDER BY count(*) DESC LIMIT 1"
        );
        var prefix = site[..(site.IndexOf('-', StringComparison.Ordinal) + 1)].ToLowerInvariant();
        var wildcard = Parse($"days=5&computingsite={prefix}*");
        var report = await Repository.GetUsageAsync(wildcard, SeededPandaFixture.Blind, CancellationToken.None);

        Assert.NotEmpty(report.Tables["computingsite"]);
        Assert.All(
            report.Tables["computingsite"],
            g => Assert.StartsWith(prefix, g.Value, StringComparison.OrdinalIgnoreCase)
        );
        var link = UsageJobLinks.Jobs(wildcard.Window.From, wildcard.Window.To, wildcard.Filters);
        var list = await fixture.ListAsync(new Uri("http://x" + link).Query, SeededPandaFixture.Blind);
        Assert.Equal(list.Total.Value, report.Total.Jobs);

        // Negation, "has a value" and "Not specified" split the same jobs without overlap, NULL sites included.
        async Task<long> JobsAsync(string filter) =>
            (
                await Repository.GetUsageAsync(
                    Parse("days=5&computingsite=" + Uri.EscapeDataString(filter)),
                    SeededPandaFixture.Blind,
                    CancellationToken.None
                )
            )
                .Total
                .Jobs;
        var all = (await Repository.GetUsageAsync(Parse("days=5"), SeededPandaFixture.Blind, CancellationToken.None))
            .Total
            .Jobs;
        Assert.Equal(all, await JobsAsync(site) + await JobsAsync("!" + site));
        Assert.Equal(all, await JobsAsync("*") + await JobsAsync("Not specified"));
        Assert.Equal(
            await DirectAsync("count(*)", wildcard, "computingsite IS NULL"),
            await JobsAsync("Not specified")
        );
    }

    [Fact]
    public async Task Sites_OverAFixedRange_CountTheJobsEndedInIt()
    {
        var (from, to) = (Now.Date.AddDays(-2).AddHours(6), Now.Date.AddDays(-1).AddHours(18));
        var window = SiteWindow.Between(from, to);

        var report = await UsageRollupHarness
            .Sites(fixture.Database)
            .GetSitesAsync(window, SeededPandaFixture.Blind, CancellationToken.None);
        var busiest = report.Sites.MaxBy(s => s.Window.Jobs)!;

        Assert.Equal(
            await fixture.Database.ScalarAsync<long>(
                $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE jobstatus = 'finished' AND computingsite = @s "
                    + "AND modificationtime >= @from AND modificationtime < @to",
                ("s", busiest.ComputingSite),
                ("from", Oracle.Timestamp(from)),
                ("to", Oracle.Timestamp(to))
            ),
            busiest.Window.Finished
        );
    }

    /// <summary>
    /// A window that starts and ends inside hours, and ends after the rollups' watermark: its part-hours and the
    /// time since the watermark are read from PanDA, so every ended job of the window counts, and no other.
    /// </summary>
    [Theory]
    [InlineData(-30, 17, 0)]
    [InlineData(-30, 17, -100)]
    [InlineData(-2, 50, 0)]
    public async Task Sites_OverAnExactWindow_CountEveryEndedJobInIt_AndNoOther(
        int fromHours,
        int fromMinutes,
        int toMinutes
    )
    {
        var (from, to) = (Now.AddHours(fromHours).AddMinutes(fromMinutes), Now.AddMinutes(toMinutes));
        var window = SiteWindow.Between(from, to);
        var sites = UsageRollupHarness.Sites(fixture.Database);

        var report = await sites.GetSitesAsync(window, SeededPandaFixture.Blind, CancellationToken.None);

        var expected = await fixture.Database.ColumnAsync<string>(
            "SELECT computingsite || '|' || count(*) FILTER (WHERE jobstatus = 'finished') || '|' || "
                + "count(*) FILTER (WHERE jobstatus = 'failed') FROM doma_panda.jobsarchived4 WHERE "
                + $"{Ended} AND modificationtime >= @from AND modificationtime < @to AND computingsite IS NOT NULL "
                + "GROUP BY computingsite ORDER BY 1",
            ("from", Oracle.Timestamp(from)),
            ("to", Oracle.Timestamp(to))
        );
        Assert.NotEmpty(expected);
        Assert.Equal(
            expected,
            report
                .Sites.Where(s => s.Window.Finished + s.Window.Failed > 0)
                .Select(s => $"{s.ComputingSite}|{s.Window.Finished}|{s.Window.Failed}")
                .Order(StringComparer.Ordinal)
        );
        var busiest = report.Sites.MaxBy(s => s.Window.Failed)!;
        var site = await sites.GetSiteAsync(busiest.ComputingSite, window, SeededPandaFixture.Blind, default);
        Assert.Equal(busiest.Window.Failed, site.Hours.Sum(h => h.Failed));
        Assert.Equal(busiest.Window, site.Site!.Window);
    }

    [Fact]
    public async Task Sites_ListOnlyTheQueuesTheFilterNames()
    {
        var window = UsageQueryParser
            .ParseSiteWindow(new Dictionary<string, StringValues> { ["computingsite"] = "cnaf*|!*" }, Now, true)
            .Window!;

        var report = await UsageRollupHarness
            .Sites(fixture.Database)
            .GetSitesAsync(window, SeededPandaFixture.Blind, CancellationToken.None);

        Assert.NotEmpty(report.Sites);
        Assert.All(report.Sites, s => Assert.StartsWith("CNAF", s.ComputingSite, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Usage_SortsEveryTableByTheChosenColumn()
    {
        var report = await Repository.GetUsageAsync(
            Parse("days=5&sortby=failurerate-asc"),
            SeededPandaFixture.Blind,
            CancellationToken.None
        );

        var rates = report.Tables["computingsite"].Select(g => g.Totals.FailurePercent ?? double.MaxValue).ToList();
        Assert.Equal(rates.Order().ToList(), rates);
        Assert.True(rates.Count > 2);
    }

    [Fact]
    public async Task Sites_EndedJobsMatchTheJobTable_AndRunningCoresMatchTheLiveTable()
    {
        var window = UsageQueryParser
            .ParseSiteWindow(new Dictionary<string, StringValues> { ["days"] = "2" }, Now)
            .Window!;
        var sites = UsageRollupHarness.Sites(fixture.Database);

        var report = await sites.GetSitesAsync(window, SeededPandaFixture.Blind, CancellationToken.None);
        var busiest = report.Sites.MaxBy(s => s.Window.Jobs)!;

        Assert.Equal(
            await fixture.Database.ScalarAsync<long>(
                $"SELECT count(*) FROM doma_panda.jobsarchived4 WHERE {Ended} AND jobstatus = 'failed' AND "
                    + $"computingsite = @s AND modificationtime >= @from",
                ("s", busiest.ComputingSite),
                ("from", window.From)
            ),
            busiest.Window.Failed
        );
        Assert.Equal(
            await fixture.Database.ScalarAsync<long>(
                "SELECT coalesce(sum(coalesce(nullif(actualcorecount, 0), nullif(corecount, 0), 1)), 0) FROM "
                    + "doma_panda.jobsactive4 WHERE jobstatus = 'running' AND computingsite = @s",
                ("s", busiest.ComputingSite)
            ),
            busiest.RunningCores
        );
        Assert.Equal("online", busiest.Status);

        var site = await sites.GetSiteAsync(
            busiest.ComputingSite,
            window,
            SeededPandaFixture.Blind,
            CancellationToken.None
        );
        Assert.Equal(busiest.Window.Finished, site.Hours.Sum(h => h.Finished));
        Assert.Equal(busiest.Window.Failed, site.Hours.Sum(h => h.Failed));
        Assert.Equal(UsageAggregator.HourFloor(window.From), site.Hours[0].Hour);
        Assert.True(site.Hours[^1].Hour >= window.AsOf.AddHours(-1), "the hours run up to the window's end");
        Assert.True(site.Hours[^1].RunningCores > 0, "the last hour counts the jobs running now");
    }

    [Fact]
    public async Task Memory_CountsOverRequestJobs_ListsTheWorstFirst_AndFindsTheLeakingTasks()
    {
        var query = Parse("days=5", UsageView.Memory);
        var report = await Repository.GetMemoryAsync(query, SeededPandaFixture.Blind, CancellationToken.None);

        Assert.Equal(
            await DirectAsync(
                "count(*)",
                query,
                "maxpss > 0 AND minramcount > 0 AND maxpss / 1024.0 / coalesce(nullif(actualcorecount, 0), "
                    + "nullif(corecount, 0), 1) > minramcount::numeric / coalesce(nullif(corecount, 0), 1)"
            ),
            report.OverRequestTotal
        );
        Assert.NotEmpty(report.OverRequest);
        Assert.Equal(
            report.OverRequest.OrderByDescending(j => j.Ratio).Select(j => j.PandaId),
            report.OverRequest.Select(j => j.PandaId)
        );
        AssertEvery(report.OverRequest, j => Assert.True(j.PssPerCoreGb > j.RequestPerCoreGb));
        Assert.Equal(await DirectAsync("count(*)", query, "maxpss > 0"), report.Histograms.Sum(h => h.Jobs));

        var leaking = await fixture.Database.ColumnAsync<long>(
            "SELECT DISTINCT jeditaskid FROM doma_panda.jobsarchived4 WHERE memory_leak >= 100 AND "
                + "modificationtime >= @from ORDER BY 1",
            ("from", query.Window.From)
        );
        Assert.NotEmpty(leaking);
        Assert.Equal(leaking, report.LeakSuspects.Select(t => t.JediTaskId).Order());
    }
}
