using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on every page, in both themes: no critical or serious violation (2.2
/// adds target-size: a link or button at least 24 px, or far enough from the next). The pages are checked once their
/// data is shown, since that is what a person reads. The same load checks that every table sorts by its headers.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class AccessibilityBrowserTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    public static readonly AxeRunOptions Wcag2 = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
    };

    /// <summary>
    /// Light first with every rule, then dark through the theme button with the colour rules: one page load for both
    /// themes. The job list shows 25 rows: every row is the same markup, and axe's contrast check costs seconds per
    /// hundred rows.
    /// </summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/jobs?display_limit=25")]
    [InlineData("/tasks")]
    [InlineData("task")]
    [InlineData("job")]
    [InlineData("/errors")]
    [InlineData("/sites")]
    [InlineData("site")]
    [InlineData("/usage")]
    [InlineData("/memory")]
    [InlineData("/account")]
    public async Task Page_HasNoCriticalOrSeriousViolation_InEitherTheme(string view)
    {
        var page = await server.OpenAsync(
            await server.PagePathAsync(view),
            viewport: new() { Width = 1440, Height = 900 }
        );
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await PageSettling.SettledAsync(page);
        Assert.Empty(await HeadersThatDoNotSortAsync(page));

        var light = await GraveViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await PageSettling.TransitionsDoneAsync(page);
        var dark = await GraveViolationsAsync(page, Colours);

        Assert.True(
            light.Count + dark.Count == 0,
            $"light:\n{string.Join("\n", light)}\ndark:\n{string.Join("\n", dark)}"
        );
    }

    /// <summary>
    /// Column headers with a name but no sort link, as "table: header"; a column that may not sort (its values may be
    /// blind) says why in a title beginning "Not sortable".
    /// </summary>
    private static async Task<string[]> HeadersThatDoNotSortAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('thead th')]
                .filter(th => th.textContent.trim() && !th.querySelector('.visually-hidden'))
                .filter(th => !th.querySelector('a.sort-link') && !(th.title || '').startsWith('Not sortable'))
                .map(th => (th.closest('[data-testid]')?.dataset.testid ?? '?') + ': ' + th.textContent.trim())
            """
        );

    /// <summary>
    /// The rules a theme can change: the dark theme swaps colours only (same markup, names, roles and sizes), so the
    /// other rules, already run in the light theme, would find the same again.
    /// </summary>
    private static readonly AxeRunOptions Colours = new()
    {
        RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast", "link-in-text-block"] },
    };

    public static async Task<List<string>> GraveViolationsAsync(IPage page, AxeRunOptions? options = null)
    {
        // The browser skips the layout of job rows off the screen (content-visibility); axe measures targets from
        // layout, so it is shown every row as laid out, as a person scrolling sees them.
        await page.AddStyleTagAsync(new() { Content = ".job-grid tbody.job { content-visibility: visible; }" });
        var results = await page.RunAxe(options ?? Wcag2);
        return results
            .Violations.Where(v => v.Impact is "critical" or "serious")
            .Select(v =>
                $"{v.Id} ({v.Impact}, {v.Nodes.Length} elements, e.g. {string.Join(" ", v.Nodes[0].Target)}: "
                + $"{v.Nodes[0].Html[..Math.Min(120, v.Nodes[0].Html.Length)]})"
            )
            .ToList();
    }
}
