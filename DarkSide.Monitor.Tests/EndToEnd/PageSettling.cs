using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>Waits for a page to finish what its first render started, instead of sleeping a fixed time.</summary>
public static class PageSettling
{
    /// <summary>The filter bar runs in the circuit: before that, a click on it would do nothing.</summary>
    public static async Task FilterBarReadyAsync(IPage page) =>
        await Expect(page.Locator("[data-testid=filter-bar][data-interactive]")).ToBeVisibleAsync();

    /// <summary>
    /// Clicks the filter bar's Apply and waits until the browser is at the address it must lead to. The address is
    /// polled (<c>ToHaveURLAsync</c>), never awaited as an event: see docs/testing.md on <c>WaitForURLAsync</c>.
    /// </summary>
    public static async Task ApplyFilterBarAsync(IPage page, System.Text.RegularExpressions.Regex expected)
    {
        await page.GetByTestId("filter-apply").ClickAsync();
        await Expect(page).ToHaveURLAsync(expected);
    }

    /// <summary>
    /// Nothing on the page is still loading: no progress bar, no summaries pending, no job list waiting for rows.
    /// </summary>
    public static async Task SettledAsync(IPage page) =>
        await Expect(page.Locator("[data-testid=loading], [data-testid=summary-loading], [data-state=loading]"))
            .ToHaveCountAsync(0);

    /// <summary>
    /// No colour is still changing: after a theme switch, MudBlazor's buttons and chips fade to their new colours, and
    /// a contrast check in between measures a colour that neither theme has.
    /// </summary>
    public static async Task TransitionsDoneAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"
        );
}
