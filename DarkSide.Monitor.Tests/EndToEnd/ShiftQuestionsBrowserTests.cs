using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The three questions a shift comes with, each answered from the start page in at most two clicks, with the answer on
/// the first screen, on a laptop and on a phone: which site fails most in the last 6 h and why; why job X failed; how
/// much each site ran over the last 30 days.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class ShiftQuestionsBrowserTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task EachQuestion_IsAnsweredInTwoClicks_OnTheFirstScreen(int width, int height)
    {
        var phone = width < 600;
        var page = await server.OpenAsync("/", viewport: new() { Width = width, Height = height });
        await PageSettling.SettledAsync(page);

        // 1. The worst site of the last 6 h and its commonest error: one click.
        await page.GetByTestId("overview-window").GetByRole(AriaRole.Link, new() { Name = "6 h" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?hours=6$"));
        var worst = page.Locator("[data-testid=site-ranking] tbody tr").First;
        await Expect(worst.Locator("td[data-state=percent]")).ToContainTextAsync("%");
        await OnFirstScreenAsync(page, worst.Locator("td").First, width, height);
        await OnFirstScreenAsync(page, worst.Locator("td[data-state=percent]"), width, height);
        if (await worst.Locator("[data-error]").CountAsync() > 0)
        {
            await Expect(worst.Locator("[data-error]").First).ToBeInViewportAsync();
        }

        // 2. Why a job failed: the search (on a phone in the menu) and the PandaID; its error is the first line.
        var pandaId = await server.Database.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' AND piloterrorcode > 0 "
                + "AND coalesce(exeerrorcode, 0) = 0 AND coalesce(superrorcode, 0) = 0 "
                + "AND coalesce(ddmerrorcode, 0) = 0 AND coalesce(taskbuffererrorcode, 0) = 0 "
                + "AND coalesce(brokerageerrorcode, 0) = 0 AND coalesce(jobdispatchererrorcode, 0) = 0 "
                + "ORDER BY pandaid LIMIT 1"
        );
        var code = await server.Database.ScalarAsync<int>(
            "SELECT piloterrorcode FROM doma_panda.jobsarchived4 WHERE pandaid = @id",
            ("id", pandaId)
        );
        if (phone)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        }

        var search = page.GetByTestId(phone ? "drawer-search" : "global-search");
        await search.ClickAsync();
        await search.FillAsync(pandaId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await search.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/job/{pandaId}$"));
        var headline = page.GetByTestId("job-headline-error");
        await Expect(headline).ToContainTextAsync($"pilot:{code}");
        await OnFirstScreenAsync(page, headline, width, height);

        // 3. Each site's usage over the last 30 days: the Usage page (on a phone through the menu).
        if (phone)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/usage$"));
        var perSite = page.GetByTestId("chart-metric");
        await Expect(perSite).ToBeVisibleAsync();
        await OnFirstScreenAsync(page, perSite, width, height, wholly: false);
    }

    /// <summary>The element starts on the first screen (and, wholly, ends on it), without scrolling.</summary>
    private static async Task OnFirstScreenAsync(
        IPage page,
        ILocator element,
        int width,
        int height,
        bool wholly = true
    )
    {
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.scrollY"));
        // A live refresh may be re-rendering the element at this instant (no box then): wait for its layout.
        LocatorBoundingBoxResult? laidOut = null;
        await Infrastructure.Poll.UntilAsync(
            "the element laid out",
            async () => (laidOut = await element.BoundingBoxAsync()) is not null
        );
        var box = laidOut!;
        Assert.True(box.Y >= 0 && box.X >= 0 && box.X < width, $"starts at ({box.X}, {box.Y})");
        Assert.True(
            wholly ? box.Y + box.Height <= height : box.Y < height * 0.75,
            $"{box.Y} + {box.Height} > {height}"
        );
    }
}
