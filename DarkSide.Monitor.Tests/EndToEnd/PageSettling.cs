using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>Waits for a page to finish what its first render started, instead of sleeping a fixed time.</summary>
public static class PageSettling
{
    /// <summary>
    /// For WaitForURLAsync: the browser is at the URL. Not its "load" event, which waits for every file of the page
    /// and on a loaded 2-core machine has taken over 30 s; what the page shows is awaited by the assertions after.
    /// </summary>
    public static readonly PageWaitForURLOptions Reached = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>The filter bar runs in the circuit: before that, a click on it would do nothing.</summary>
    public static async Task FilterBarReadyAsync(IPage page) =>
        await Expect(page.Locator("[data-testid=filter-bar][data-interactive]")).ToBeVisibleAsync();

    /// <summary>
    /// Clicks the filter bar's Apply and waits for the address it must lead to. A rare failure here (Apply leading
    /// nowhere, cause not yet found) says what the page held: its address, whether the bar ran in the circuit, and
    /// each field's value in the DOM, so the next one tells whether the typed text was lost before the click, and
    /// whether a second click gets there.
    /// </summary>
    public static async Task ApplyFilterBarAsync(IPage page, System.Text.RegularExpressions.Regex expected)
    {
        await page.GetByTestId("filter-apply").ClickAsync();
        try
        {
            await page.WaitForURLAsync(expected, Reached);
        }
        catch (TimeoutException timeout)
        {
            var fields = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('[data-testid=filter-bar] input')]
                    .map(i => (i.closest('[data-testid]')?.dataset.testid ?? i.name) + '=' + JSON.stringify(i.value))
                """
            );
            var interactive = await page.Locator("[data-testid=filter-bar][data-interactive]").CountAsync();
            // Still a failure; a second click only tells a lost click (e.g. the bar moved under the pointer as the
            // page's data arrived) from a bar that read its fields wrongly.
            await page.GetByTestId("filter-apply").ClickAsync();
            var second = await page.WaitForURLAsync(
                    expected,
                    new() { WaitUntil = WaitUntilState.Commit, Timeout = 10_000 }
                )
                .ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
            throw new TimeoutException(
                $"Apply did not lead to {expected}: at {page.Url}, bar interactive: {interactive == 1}, fields: "
                    + string.Join(", ", fields)
                    + $"; a second click {(second ? "did" : "did not either")}",
                timeout
            );
        }
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
