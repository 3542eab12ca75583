using System.Globalization;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using Rows = DarkSide.Monitor.Tests.Infrastructure.PandaReferenceRows;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// "The last 6 hours" counts the same jobs on every page: the overview, /sites, /site, /errors and /jobs, for two sites
/// of their own whose jobs lie well inside the window, and two failed jobs just before it (in the hour the window
/// starts in, where counting from whole hours would take them). And the overview answers "which site fails most, and
/// why" on its first screen: ranked by failure %, the bad site marked, its top error named.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed class WindowAgreementBrowserTests(WindowAgreementBrowserTests.Fixture fixture)
    : ClosesPagesAfterEachTest(() => fixture.Browser),
        IClassFixture<WindowAgreementBrowserTests.Fixture>
{
    private const string Failing = "AGREE-FAILING";
    private const string Healthy = "AGREE-HEALTHY";
    private const long FirstPandaId = 7_700_000_001;

    public sealed class Fixture : ReferenceOnlyBrowserFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["Rollups__IntervalSeconds"] = "5" };

        protected override Task SeedAsync(PandaTestDatabase database) => SeedJobsAsync(database);
    }

    private static async Task SeedJobsAsync(PandaTestDatabase database)
    {
        var now = DateTime.UtcNow;
        // Before the window by minutes, in the hour it starts in: whole-hour counting would take both.
        var start = now.AddHours(-6).AddMinutes(-3);
        var hourOfStart = new DateTime(start.Year, start.Month, start.Day, start.Hour, 0, 1, DateTimeKind.Utc);
        var id = FirstPandaId;
        var jobs = new List<(string Site, string Status, DateTime Modified, int PilotCode)>
        {
            (Failing, "failed", start, 1099),
            (Failing, "failed", hourOfStart, 1099),
            (Failing, "failed", now.AddHours(-5), 1099),
            (Failing, "failed", now.AddHours(-5), 1099),
            (Failing, "failed", now.AddHours(-5), 1099),
            (Failing, "failed", now.AddHours(-2), 1201),
            (Failing, "failed", now.AddMinutes(-10), 1099),
            (Failing, "finished", now.AddHours(-3), 0),
            (Healthy, "failed", now.AddHours(-1), 1201),
        };
        jobs.AddRange(Enumerable.Repeat((Healthy, "finished", now.AddHours(-4), 0), 10));
        foreach (var (site, status, modified, code) in jobs)
        {
            await Rows.InsertJobAsync(
                database.Admin,
                "doma_panda.jobsarchived4",
                new Dictionary<string, object>
                {
                    ["pandaid"] = id++,
                    ["jobstatus"] = status,
                    ["computingsite"] = site,
                    ["prodsourcelabel"] = "managed",
                    ["creationtime"] = Oracle.Timestamp(modified.AddHours(-1)),
                    ["starttime"] = Oracle.Timestamp(modified.AddMinutes(-40)),
                    ["endtime"] = Oracle.Timestamp(modified.AddMinutes(-1)),
                    ["modificationtime"] = Oracle.Timestamp(modified),
                    ["statechangetime"] = Oracle.Timestamp(modified),
                    ["piloterrorcode"] = code,
                    ["attemptnr"] = 1,
                }
            );
        }
    }

    [Fact]
    public async Task TheLastSixHours_CountTheSameFailedJobs_OnEveryPage()
    {
        var sites = await fixture.Browser.OpenAsync(fixture.BaseUrl, "/sites?hours=6");
        // The rollups' first run must be done, or /sites would count nothing from them.
        await Expect(sites.GetByTestId("rollup-status")).ToContainTextAsync("Aggregated up to");
        await sites.ReloadAsync();
        await Expect(sites.Locator($"tr[data-site={Failing}] td[data-col=failed]")).ToHaveTextAsync("5");
        await Expect(sites.Locator($"tr[data-site={Failing}] td[data-col=finished]")).ToHaveTextAsync("1");
        await Expect(sites.GetByTestId("usage-window")).ToContainTextAsync("(6 h)");

        var site = await fixture.Browser.OpenAsync(fixture.BaseUrl, $"/site/{Failing}?hours=6");
        await Expect(site.GetByTestId("site-failed")).ToHaveTextAsync("failed 5");

        var overview = await fixture.Browser.OpenAsync(fixture.BaseUrl, "/?hours=6");
        await Expect(overview.Locator($"tr[data-site={Failing}] td[data-state=failed]")).ToHaveTextAsync("5");
        await Expect(overview.Locator($"tr[data-site={Failing}] td[data-state=finished]")).ToHaveTextAsync("1");

        var errors = await fixture.Browser.OpenAsync(fixture.BaseUrl, "/errors?hours=6");
        await Expect(
                errors.Locator($"[data-testid=errors-by-computingsite] tr[data-group={Failing}] [data-count=failed]")
            )
            .ToHaveTextAsync("5");

        var jobs = await fixture.Browser.OpenAsync(
            fixture.BaseUrl,
            $"/jobs?hours=6&computingsite={Failing}&jobstatus=failed"
        );
        await Expect(jobs.GetByTestId("job-total")).ToHaveTextAsync("5 jobs");
    }

    [Fact]
    public async Task Overview_RanksSitesByFailure_MarksTheBadSite_AndNamesItsTopError()
    {
        var page = await fixture.Browser.OpenAsync(fixture.BaseUrl, "/?hours=6");
        var failing = page.Locator($"[data-testid=site-ranking] tr[data-site={Failing}]");
        await Expect(failing).ToBeVisibleAsync();

        var percents = await page.Locator("[data-testid=site-ranking] td[data-state=percent]").AllInnerTextsAsync();
        var values = percents.Select(Percent).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        await Expect(failing).ToHaveClassAsync(new Regex("site-failing"));
        await Expect(failing.Locator("td[data-state=percent]")).ToContainTextAsync("83.3%");
        await Expect(page.Locator($"tr[data-site={Healthy}]")).Not.ToHaveClassAsync(new Regex("site-failing"));
        await Expect(page.GetByTestId("failure-threshold")).ToContainTextAsync("20 %");
        await Expect(failing.Locator("[data-error='pilot:1099']")).ToContainTextAsync("×4");
        // The whole answer is on the first screen of a laptop.
        Assert.True((await failing.BoundingBoxAsync())!.Y < 900);

        await page.Locator("[data-testid=site-ranking] thead a", new() { HasTextString = "Site" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortby=site-asc"));
        await Expect(page.Locator("[data-testid=site-ranking] th a").First).ToContainTextAsync("↑");
        var names = await page.Locator("[data-testid=site-ranking] tbody tr")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.site ?? '')");
        // Jobs PanDA has not brokered yet have no site: "Not specified" comes after the names.
        var named = names.TakeWhile(n => n.Length > 0).ToList();
        Assert.Equal(named.Order(StringComparer.Ordinal), named);
        Assert.All(names.Skip(named.Count), n => Assert.Equal("", n));
        Assert.Contains(Failing, named);

        // The top errors sort by their own headers and keep the ranking's order.
        var codes = page.GetByTestId("error-summary");
        await codes.Locator("th a.sort-link", new() { HasText = "Error" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sortby=site-asc&codes_sortby=error-asc"));
        await Expect(codes.Locator("th", new() { HasText = "Error" })).ToContainTextAsync("↑");
        var keys = await codes.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.error)");
        var errorCodes = keys.Select(k => (Component: k.Split(':')[0], Code: int.Parse(k.Split(':')[1]))).ToList();
        Assert.True(errorCodes.Count > 1);
        Assert.Equal(errorCodes.OrderBy(c => c.Component, StringComparer.Ordinal).ThenBy(c => c.Code), errorCodes);
        var ranked = await page.Locator("[data-testid=site-ranking] tbody tr")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.site ?? '')");
        Assert.Equal(names, ranked);

        await failing.Locator("[data-error='pilot:1099'] ").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("piloterrorcode=1099"));
        await Expect(page.GetByTestId("job-total")).ToHaveTextAsync("4 jobs");
    }

    [Fact]
    public async Task Overview_RefusesABadWindowOrOrder_NamingTheParameter()
    {
        var page = await fixture.Browser.OpenAsync(fixture.BaseUrl, "/?hours=0&sortby=colour");

        var errors = page.GetByTestId("query-errors");
        await Expect(errors).ToContainTextAsync("hours");
        await Expect(errors).ToContainTextAsync("'colour' is not a sort order of this table");
    }

    /// <summary>A failure % cell, "—" (no final jobs) last.</summary>
    private static double Percent(string text) =>
        double.TryParse(
            text.Replace("%", "", StringComparison.Ordinal)
                .Replace("▲", "", StringComparison.Ordinal)
                .Replace("failing:", "", StringComparison.Ordinal)
                .Trim(),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var value
        )
            ? value
            : -1;
}
