using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// What a shifter sees at a laptop's 1440×900: the columns, the jobs per screen, the summaries, the theme.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class LayoutBrowserTests(MonitorServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    private static readonly ViewportSize Laptop = new() { Width = 1440, Height = 900 };

    private async Task<IPage> OpenJobsAsync(string path)
    {
        var page = await server.OpenAsync(path, viewport: Laptop);
        await Expect(page.Locator("[data-testid=job-table] tbody tr.job-row")).ToHaveCountAsync(100);
        return page;
    }

    [Fact]
    public async Task JobList_At1440_ShowsEveryColumnWithinTheWindow()
    {
        var page = await OpenJobsAsync("/jobs?jobstatus=failed");

        // [left, right] of every column header, and whether the table scrolls sideways inside its frame.
        var headers = await page.EvaluateAsync<double[][]>(
            """
            () => [...document.querySelectorAll('[data-testid=job-table] thead th')]
                .map(th => { const r = th.getBoundingClientRect(); return [r.left, r.right]; })
            """
        );
        var hiddenWidth = await page.EvaluateAsync<double>(
            """
            () => { const g = document.querySelector('[data-testid=job-table]'); return g.scrollWidth - g.clientWidth; }
            """
        );

        Assert.Equal(14, headers.Length);
        Assert.All(headers, h => Assert.InRange(h[0], 0, Laptop.Width));
        Assert.All(headers, h => Assert.InRange(h[1], h[0] + 30, Laptop.Width));
        Assert.Equal(0, hiddenWidth);
    }

    [Fact]
    public async Task JobList_At1440_ShowsAtLeast15JobsOnTheFirstScreen_WithoutScrolling()
    {
        var page = await OpenJobsAsync("/jobs?jobstatus=failed");
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();

        // As the page opens, summaries loaded: how many jobs are wholly on the screen.
        var jobsOnScreen = await page.EvaluateAsync<int>(
            """
            () => [...document.querySelectorAll('[data-testid=job-table] tbody.job')]
                .map(b => b.getBoundingClientRect())
                .filter(r => r.top >= 0 && r.bottom <= window.innerHeight).length
            """
        );

        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));
        Assert.True(jobsOnScreen >= 15, $"{jobsOnScreen} jobs on the first screen");
    }

    [Fact]
    public async Task ErrorText_IsInTheRow_WithTheWholeTextOnHover()
    {
        var page = await OpenJobsAsync("/jobs?jobstatus=failed");
        var info = page.Locator("[data-testid=job-table] tbody tr.job-row td.col-info").First;

        var text = await info.TextContentAsync();
        Assert.Matches(@"^\w+:\d+\b", text);
        Assert.Equal(text, await info.GetAttributeAsync("title"));
        var box = await info.BoundingBoxAsync();
        Assert.InRange(box!.X + box.Width, 0, Laptop.Width);
    }

    [Fact]
    public async Task Summaries_AreOneClickAboveTheList_FoldedToALine_AndAnOpenedOneStaysOpenAfterAReload()
    {
        var page = await OpenJobsAsync("/jobs?jobstatus=failed");
        var attributes = page.GetByTestId("attribute-summary");
        var errors = page.GetByTestId("error-summary");
        await Expect(errors).ToBeVisibleAsync();

        var table = (await page.GetByTestId("job-table").BoundingBoxAsync())!.Y;
        Assert.True((await attributes.BoundingBoxAsync())!.Y < table, "the attribute summary is above the list");
        Assert.True((await errors.BoundingBoxAsync())!.Y < table, "the error summary is above the list");
        Assert.False(await attributes.EvaluateAsync<bool>("d => d.open"));
        Assert.False(await errors.EvaluateAsync<bool>("d => d.open"));
        // Folded, each still says what it holds.
        await Expect(errors.Locator("summary")).ToContainTextAsync("codes, most ");
        await Expect(attributes.Locator("summary")).ToContainTextAsync("Site ");

        await attributes.Locator("summary").ClickAsync();
        Assert.True(await attributes.EvaluateAsync<bool>("d => d.open"));
        await Poll.UntilAsync(
            "the open panel being remembered",
            async () => (await page.Context.CookiesAsync()).Any(c => c is { Name: "dsm-open-job-attributes" })
        );
        await page.ReloadAsync();
        await Expect(page.GetByTestId("attribute-summary")).ToBeAttachedAsync();

        Assert.True(await page.GetByTestId("attribute-summary").EvaluateAsync<bool>("d => d.open"));
        Assert.False(await page.GetByTestId("error-summary").EvaluateAsync<bool>("d => d.open"));
    }

    [Fact]
    public async Task OnAVeryWideScreen_TheAttributeSummaryStandsBesideTheList_AndTheListWidens()
    {
        var wide = new ViewportSize { Width = 2560, Height = 1440 };
        var page = await server.OpenAsync("/jobs?jobstatus=failed", viewport: wide);
        var attributes = page.GetByTestId("attribute-summary");
        await Expect(attributes).ToBeVisibleAsync();
        await PageSettling.SettledAsync(page);

        var table = (await page.GetByTestId("job-table").BoundingBoxAsync())!;
        var beside = (await attributes.BoundingBoxAsync())!;
        Assert.True(
            beside.X >= table.X + table.Width,
            $"the summary starts at x = {beside.X}, the list ends at " + $"{table.X + table.Width}"
        );
        Assert.True(beside.Y < table.Y + 200, "the summary stands beside the top of the list, not below it");
        Assert.True(table.Width > 1600, $"the list takes the rest of the screen ({table.Width} px)");
        Assert.True(
            (await page.GetByTestId("error-summary").BoundingBoxAsync())!.X >= table.X + table.Width,
            "the error summary stands beside the list too"
        );
    }

    [Fact]
    public async Task ChosenTheme_SurvivesAReload()
    {
        var page = await server.OpenAsync("/jobs", viewport: Laptop);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        // The button turns at once; the choice reaches the cookie a round trip later. Reload once it is there.
        await Poll.UntilAsync(
            "the theme cookie being written",
            async () => (await page.Context.CookiesAsync()).Any(c => c is { Name: "dsm-theme", Value: "dark" })
        );

        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToHaveClassAsync("dsm-dark");
    }

    [Fact]
    public async Task WindowSelector_SaysAllOfHistory_ForATasksJobs()
    {
        var task = await server.Database.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jobsarchived4 WHERE jeditaskid IS NOT NULL LIMIT 1"
        );

        var page = await server.OpenAsync($"/jobs?jeditaskid={task}", viewport: Laptop);

        await Expect(page.GetByTestId("filter-window")).ToHaveTextAsync("default (all of history)");
        await page.GotoAsync("/jobs?jobstatus=failed");
        await Expect(page.GetByTestId("filter-window")).ToHaveTextAsync("default (last 7 days)");
    }
}
