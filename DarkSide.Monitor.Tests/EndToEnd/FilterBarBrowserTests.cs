using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// One filter bar on every page: quick windows, a range typed or picked on a calendar, the job list's grammar in every
/// text field, and bad input marked in its field with the bar kept. Every choice lands in the URL.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class FilterBarBrowserTests(MonitorServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    /// <summary>
    /// Picks a quick window once the page shows its data: a page whose data arrives while the list is open moves the
    /// list under the pointer, and the click picks a neighbouring window (seen in 2 of 5 full runs).
    /// </summary>
    private static async Task ChooseWindowAsync(IPage page, string label)
    {
        await PageSettling.SettledAsync(page);
        await page.GetByTestId("filter-bar").Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(label, new() { Exact = true }).ClickAsync();
    }

    [Theory]
    [InlineData("/jobs", "hours=6")]
    [InlineData("/errors", "hours=6")]
    [InlineData("/tasks", "hours=6")]
    [InlineData("/usage", "days=3")]
    [InlineData("/memory", "days=3")]
    [InlineData("/sites", "hours=6")]
    [InlineData("site", "hours=6")]
    public async Task QuickWindow_WritesTheUrl_AndKeepsTheFilters(string view, string window)
    {
        var path = await server.PagePathAsync(view);
        var page = await server.OpenAsync(
            path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "days=14"
        );
        await Expect(page.GetByTestId("filter-window")).ToContainTextAsync("last 14 days");
        await PageSettling.FilterBarReadyAsync(page);

        await ChooseWindowAsync(
            page,
            window.StartsWith("hours", StringComparison.Ordinal) ? "last 6 hours" : "last 3 days"
        );

        // An assertion, not a wait: on failure it says which address the page went to instead.
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(window) + "$"));
        Assert.DoesNotContain("days=14", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("query-errors")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Usage_TakesASiteWildcard_AsTheJobListDoes()
    {
        var page = await server.OpenAsync("/usage?days=7");
        await PageSettling.FilterBarReadyAsync(page);

        await page.GetByTestId("filter-computingsite").FillAsync("cnaf*");
        await page.GetByTestId("filter-computingsite").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex(@"/usage\?computingsite=cnaf\*&days=7$"));
        // The table keeps the unfiltered rows until the filtered answer arrives: wait for that answer.
        var sites = page.Locator("[data-testid=usage-by-computingsite] tbody tr[data-group]");
        await Expect(sites.Locator("xpath=self::*[not(starts-with(@data-group, 'CNAF'))]")).ToHaveCountAsync(0);
        await Expect(sites.First).ToBeVisibleAsync();
        Assert.All(
            await sites.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.group)"),
            site => Assert.StartsWith("CNAF", site, StringComparison.OrdinalIgnoreCase)
        );

        await Expect(page.GetByTestId("filter-computingsite")).ToHaveValueAsync("cnaf*");
    }

    [Fact]
    public async Task BadDate_MarksItsField_KeepsTheBar_AndCanBeCorrectedThere()
    {
        var page = await server.OpenAsync("/usage?date_from=2026-13-01");

        await Expect(page.GetByTestId("filter-from")).ToHaveValueAsync("2026-13-01");
        await Expect(page.GetByTestId("filter-bar")).ToContainTextAsync("'2026-13-01' is not a date");
        await Expect(page.GetByTestId("query-errors")).ToBeVisibleAsync();

        var from = DateTime.UtcNow.Date.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await PageSettling.FilterBarReadyAsync(page);
        await page.GetByTestId("filter-from").FillAsync(from);
        await PageSettling.ApplyFilterBarAsync(page, new Regex("date_from=" + from + "$"));
        await Expect(page.GetByTestId("query-errors")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("usage-window")).ToContainTextAsync(from);
    }

    [Fact]
    public async Task CalendarDays_BecomeTheWindow_DateToBeingTheDayAfter()
    {
        var month = DateTime.UtcNow.AddMonths(-1);
        var day = (int d) =>
            new DateTime(month.Year, month.Month, d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await server.OpenAsync($"/tasks?date_from={day(10)}&date_to={day(12)}");
        await PageSettling.FilterBarReadyAsync(page);

        await page.GetByTestId("filter-calendar").First.ClickAsync();
        var days = page.Locator(".mud-popover-open .mud-picker-calendar-day:not(.mud-hidden)");
        await days.GetByText("3", new() { Exact = true }).ClickAsync();
        await days.GetByText("5", new() { Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/tasks\\?date_from={day(3)}&date_to={day(6)}$"));
        await Expect(page.GetByTestId("task-total")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/usage?days=30", "chart-jobs", @"\d{4}-\d\d-\d\d")]
    [InlineData("/memory?days=30", "chart-pss-daily", @"\d{4}-\d\d-\d\d")]
    [InlineData("site", "chart-site-jobs", @"\d{4}-\d\d-\d\dT\d\d:\d\d")]
    public async Task RangeSelectedOnTheTimeAxis_BecomesTheWindow(string view, string chart, string instant)
    {
        var path = await server.PagePathAsync(view);
        var page = await server.OpenAsync(path.Contains('?', StringComparison.Ordinal) ? path : path + "?days=3");
        var plot = page.GetByTestId(chart).Locator(".nsewdrag").First;
        await Expect(plot).ToBeVisibleAsync();
        // The chart listens for a selected range once plotly.js has drawn it and the server has asked it to.
        await Expect(page.GetByTestId(chart).Locator(".js-plotly-plot[data-range-watched]")).ToBeVisibleAsync();
        // Placeholders above the chart vanish as the rest of the page loads: drag only once nothing moves.
        await PageSettling.SettledAsync(page);
        var box = (await plot.BoundingBoxAsync())!;

        await page.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.6f, box.Y + box.Height / 2 + 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();

        // An assertion, not a wait: on failure it says which address the page has instead.
        await Expect(page).ToHaveURLAsync(new Regex($@"\?date_from={instant}&date_to={instant}$"));
        var from = Regex.Match(page.Url, "date_from=([0-9T:-]+)").Groups[1].Value;
        await Expect(page.GetByTestId("usage-window")).ToContainTextAsync(from.Replace('T', ' ')[..10]);
        await Expect(page.GetByTestId("filter-window")).ToContainTextAsync("date range");
    }
}
