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
    /// Nothing on the page is still loading: no progress bar, no summaries pending, no job list waiting for rows.
    /// </summary>
    public static async Task SettledAsync(IPage page) =>
        await Expect(page.Locator("[data-testid=loading], [data-testid=summary-loading], [data-state=loading]"))
            .ToHaveCountAsync(0);
}
