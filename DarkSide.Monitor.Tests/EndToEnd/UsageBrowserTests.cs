using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// A coordinator in Chromium: the app's own aggregator fills the rollups at start, the pages draw plotly charts with
/// traces and titled axes, and the CSV beside a table holds the table's numbers.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class UsageBrowserTests(MonitorServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    private static async Task ExpectPlotAsync(IPage page, string chart, string yTitle)
    {
        // plotly.js (1.5 MB) is parsed once per page: on a loaded machine that alone can take tens of seconds, so
        // the first chart is awaited as long as the aggregator is (bounded only for a failure's sake).
        var plot = page.Locator($"[data-testid={chart}] .main-svg").First;
        await Expect(plot).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator($"[data-testid={chart}] g.trace").First).ToBeAttachedAsync();
        await Expect(page.Locator($"[data-testid={chart}] .g-ytitle")).ToContainTextAsync(yTitle);
        await Expect(page.Locator($"[data-testid={chart}] .xtick").First).ToBeAttachedAsync();
        await Expect(page.Locator($"[data-testid={chart}] .modebar-btn[data-title='Download plot as a PNG']"))
            .ToBeAttachedAsync();
    }

    private static async Task<List<string[]>> DownloadCsvAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
    }

    private static long Whole(string text) =>
        long.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    private static decimal Number(string text) =>
        decimal.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    private async Task<IPage> OpenWithDataAsync(string path)
    {
        var page = await server.OpenAsync(path);
        // The aggregator backfills on start; the page refreshes itself once the first day is in.
        await Expect(page.GetByTestId("rollup-status"))
            .ToContainTextAsync("Aggregated up to", new() { Timeout = 60_000 });
        return page;
    }

    [Fact]
    public async Task Usage_DrawsBothCharts_AndTheSiteCsvHoldsTheTablesNumbers_WhoseJobsOpenTheSameJobs()
    {
        // Whole past days only, once the aggregator has reached today: today's numbers grow with every run, so a
        // table read before the CSV could differ from it by a late job. Up to today (not included), not yesterday: the
        // database holds the last 48 hours, which late in the evening barely reach the day before yesterday.
        var today = DateTime.UtcNow.Date;
        var page = await OpenWithDataAsync(
            string.Create(
                CultureInfo.InvariantCulture,
                $"/usage?date_from={today.AddDays(-7):yyyy-MM-dd}&date_to={today:yyyy-MM-dd}"
            )
        );
        await Expect(page.GetByTestId("rollup-status"))
            .ToContainTextAsync($"Aggregated up to {today:yyyy-MM-dd}", new() { Timeout = 60_000 });
        await ExpectPlotAsync(page, "chart-jobs", "jobs per day");
        await ExpectPlotAsync(page, "chart-metric", "core-hours");

        await page.Locator("[data-testid=chart-metric] .main-svg").First.HoverAsync();
        var png = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("[data-testid=chart-metric] .modebar-btn[data-title='Download plot as a PNG']").ClickAsync()
        );
        Assert.EndsWith(".png", png.SuggestedFilename, StringComparison.Ordinal);

        var table = page.GetByTestId("usage-by-computingsite");
        var rows = await table.Locator("tbody tr").AllAsync();
        var csv = await DownloadCsvAsync(page, table.GetByTestId("csv-link"));

        Assert.Equal("computingsite", csv[0][0]);
        Assert.Equal(rows.Count + 2, csv.Count); // header and total
        var jobsColumn = Array.IndexOf(csv[0], "jobs");
        var coreHoursColumn = Array.IndexOf(csv[0], "core_hours");
        foreach (var row in rows)
        {
            var site = (await row.GetAttributeAsync("data-group"))!;
            var line = csv.Single(l => l[0] == site);
            Assert.Equal(
                Whole(await row.Locator("[data-col=jobs]").InnerTextAsync()),
                long.Parse(line[jobsColumn], CultureInfo.InvariantCulture)
            );
            // The page shows one decimal of the same number (a binary double: 69.45 may show as 69.4 or 69.5).
            var shown = Number(await row.Locator("[data-col=corehours]").InnerTextAsync());
            var exported = Number(line[coreHoursColumn]);
            Assert.True(Math.Abs(shown - exported) <= 0.0501m, $"{site}: page {shown}, CSV {exported}");
        }

        Assert.Equal(
            Whole(await table.Locator("tfoot [data-col=jobs]").InnerTextAsync()),
            long.Parse(csv[^1][jobsColumn], CultureInfo.InvariantCulture)
        );

        var first = rows[0].Locator("[data-col=jobs] a");
        var jobs = Whole(await first.InnerTextAsync());
        await first.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/jobs\\?date_from=.+&date_to=.+&computingsite=.+&jobstatus="));
        await Expect(page.GetByTestId("job-total")).ToHaveTextAsync($"{jobs:N0} jobs");
    }

    [Fact]
    public async Task Memory_DrawsTheHistogramAndTheDailyPercentiles_AndTheirCsvMatchesTheTable()
    {
        var page = await OpenWithDataAsync("/memory?days=7");
        await ExpectPlotAsync(page, "chart-pss-histogram", "jobs");
        await ExpectPlotAsync(page, "chart-pss-daily", "GB");
        await Expect(page.Locator("[data-testid=chart-pss-histogram] .g-xtitle")).ToContainTextAsync("GB");

        var csv = await DownloadCsvAsync(page, page.GetByTestId("csv-histogram"));
        foreach (var row in await page.Locator("[data-testid=memory-groups] tbody tr").AllAsync())
        {
            var group = (await row.GetAttributeAsync("data-group"))!;
            var jobs = csv.Skip(1).Where(l => l[0] == group).Sum(l => long.Parse(l[3], CultureInfo.InvariantCulture));
            Assert.Equal(Whole(await row.Locator("[data-col=jobs]").InnerTextAsync()), jobs);
        }
    }

    [Fact]
    public async Task Sites_ListTheQueues_AndASitePageDrawsJobsPerHourAndRunningCores()
    {
        var page = await OpenWithDataAsync("/sites?days=2");
        var site = page.Locator("[data-testid=sites-table] tbody tr").First;
        var name = (await site.GetAttributeAsync("data-site"))!;
        var csv = await DownloadCsvAsync(page, page.GetByTestId("csv-link"));
        var line = csv.Single(l => l[0] == name);
        Assert.Equal(
            Whole(await site.Locator("[data-col=finished]").InnerTextAsync()),
            long.Parse(line[Array.IndexOf(csv[0], "finished")], CultureInfo.InvariantCulture)
        );
        Assert.Equal(
            Whole(await site.Locator("[data-col=runningcores]").InnerTextAsync()),
            long.Parse(line[Array.IndexOf(csv[0], "running_cores")], CultureInfo.InvariantCulture)
        );

        await site.Locator("a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/site/{Regex.Escape(name)}\\?days=2$"));
        await ExpectPlotAsync(page, "chart-site-jobs", "jobs ended per hour");
        await ExpectPlotAsync(page, "chart-site-cores", "running cores");
    }

    [Fact]
    public async Task BadUsageParameters_AreNamed_AndTheCsvSaysWhatIsWrong()
    {
        var page = await server.OpenAsync("/usage?days=0&activity=physics");
        await Expect(page.GetByTestId("query-errors")).ToContainTextAsync("days");
        await Expect(page.GetByTestId("query-errors")).ToContainTextAsync("production, analysis, other");

        var response = await page.APIRequest.GetAsync("/usage/csv?table=computingsite&date_from=2026-13-01");
        Assert.Equal(400, response.Status);
        Assert.Contains("date_from", await response.TextAsync(), StringComparison.Ordinal);
    }
}
