using System.Text.RegularExpressions;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// A shifter on a 390×844 phone: nothing wider than the screen, a card per job, an app bar that fits.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class PhoneBrowserTests(MonitorServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await server.OpenAsync(path, viewport: Phone);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await PageSettling.SettledAsync(page);
        return page;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/jobs")]
    [InlineData("/tasks")]
    [InlineData("/errors")]
    [InlineData("/sites")]
    [InlineData("/usage")]
    [InlineData("/memory")]
    [InlineData("/account")]
    [InlineData("/alerts")]
    [InlineData("site")]
    [InlineData("job")]
    [InlineData("task")]
    public async Task Page_IsNoWiderThanThePhone(string view)
    {
        var page = await OpenAsync(await server.PagePathAsync(view));

        // MudBlazor turns the rail into a hidden drawer once it has read the screen's width, after the first render.
        var width = int.MaxValue;
        for (var waited = 0; waited < Poll.Bound.TotalMilliseconds && width > Phone.Width; waited += 250)
        {
            width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            await Task.Delay(width > Phone.Width ? 250 : 0);
        }

        var wider = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .filter(e => ![...e.querySelectorAll('*')]
                    .some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
                .slice(0, 5).map(e => `${e.tagName}.${e.getAttribute('class')}: ${e.textContent.slice(0, 60)}`)
            """
        );

        Assert.True(width <= Phone.Width, $"{width} px wide: {string.Join(" | ", wider)}");
    }

    [Fact]
    public async Task JobList_IsACardPerJob_WithItsIdStatusSiteTaskDurationAndError()
    {
        var page = await OpenAsync("/jobs?jobstatus=failed");
        var card = page.Locator("[data-testid=job-table] tbody.job").First;
        await Expect(page.Locator("[data-testid=job-table] tbody.job")).ToHaveCountAsync(100);

        foreach (var column in new[] { "pandaid", "status", "site", "task", "duration", "info" })
        {
            var cell = card.Locator($"td.col-{column}");
            await Expect(cell).ToBeVisibleAsync();
            var box = (await cell.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= Phone.Width, $"{column} is within the screen");
        }

        await Expect(card.Locator("td.col-owner")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=job-table] thead")).ToBeHiddenAsync();
        var cardHeight = (await card.BoundingBoxAsync())!.Height;
        Assert.InRange(cardHeight, 30, 140);
        // The first job is on the first screen, whole, with the summaries and filters above it.
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));
        var first = (await card.BoundingBoxAsync())!;
        Assert.True(first.Y + first.Height <= Phone.Height, $"the first card ends at y = {first.Y + first.Height}");
    }

    [Fact]
    public async Task FailedJob_LeadsWithItsErrorAndRetryOutcome_OnThePhonesFirstScreen()
    {
        var page = await OpenAsync(await server.PagePathAsync("job"));
        var headline = page.GetByTestId("job-headline");
        await Expect(headline).ToBeVisibleAsync();

        await Expect(headline.GetByTestId("job-headline-error")).ToContainTextAsync(new Regex(@"^\s*\w+:\d+"));
        await Expect(headline.GetByTestId("job-retry")).ToContainTextAsync(new Regex(@"^\s*(retried|not retried)"));
        var box = (await headline.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= Phone.Height, $"the headline ends at y = {box.Y + box.Height}");
        Assert.True(box.Y < (await page.GetByTestId("job-summary").BoundingBoxAsync())!.Y);
    }

    [Fact]
    public async Task AppBar_FitsThePhone_WithTheUtcTimeAndTheThemeButton_AndTheDrawerHasTheSearch()
    {
        var page = await OpenAsync("/jobs?display_limit=20");

        var theme = page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" });
        var box = (await theme.BoundingBoxAsync())!;

        Assert.InRange(box.X + box.Width, box.Width, Phone.Width);
        await Expect(page.GetByTestId("utc-clock")).ToBeHiddenAsync();
        var time = page.GetByTestId("utc-clock-time");
        await Expect(time).ToHaveTextAsync(new Regex(@"^\d\d:\d\d UTC$"));
        var clock = (await time.BoundingBoxAsync())!;
        Assert.True(clock.X + clock.Width <= box.X, "the time stands before the theme button");

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        var search = page.GetByTestId("drawer-search");
        await Expect(search).ToBeVisibleAsync();
        await search.FillAsync(
            await server.Database.ScalarAsync<string>(
                "SELECT pandaid::text FROM doma_panda.jobsarchived4 ORDER BY pandaid LIMIT 1"
            )
        );
        await search.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/job/\\d+$"));
        await Expect(page.GetByTestId("job-header")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task JobPage_ShowsWholeValues_NotClipped()
    {
        var page = await OpenAsync(await server.PagePathAsync("job"));

        var clipped = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('.job-facts td')]
                .filter(td => td.getBoundingClientRect().right > window.innerWidth || td.scrollWidth > td.clientWidth)
                .map(td => td.textContent)
            """
        );

        Assert.Empty(clipped);
    }
}
