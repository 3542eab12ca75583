using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Every page's numeric parameters at int.MaxValue, -1 and beyond a 64-bit number, and text parameters with NUL
/// and other control characters: each answer is an in-page message naming the parameter (or, for a value that is
/// merely unusual, the page itself), never a database refusal and never a dead circuit. The first value of each
/// case is typed into the address bar (a page load, the first render reads it); the others arrive as a link would
/// bring them, inside the same circuit (the page follows the new address), so one circuit takes every value.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class UrlParameterAttackTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    private const string Overflow = "99999999999999999999";

    // Control characters are refused before any parameter is read (TextParameter_WithControlCharacters_IsNamed
    // covers each page); here the numbers' edges.
    private static readonly string[] Bad = ["-1", Overflow];

    /// <summary>
    /// Page, parameter, and whether int.MaxValue is out of its range (it is a valid ID or limit elsewhere). One
    /// parameter per parser path: /jobs' ID lists share one path, /errors reads the job list's parser.
    /// </summary>
    public static TheoryData<string, string, bool> NumericParameters =>
        new()
        {
            { "/jobs", "page", true },
            { "/jobs", "days", true },
            { "/jobs", "hours", true },
            { "/jobs", "display_limit", true },
            { "/jobs", "limit", false },
            { "/jobs", "pandaid", false },
            { "/jobs", "jeditaskid", false },
            { "/jobs", "piloterrorcode", false },
            { "/errors", "days", true },
            { "/tasks", "page", true },
            { "/tasks", "days", true },
            { "/tasks", "display_limit", true },
            { "/tasks", "jeditaskid", false },
            { "/usage", "days", true },
            { "/memory", "days", true },
            { "/sites", "days", true },
            { "/sites", "hours", true },
            { "/site/CNAF-DS", "days", true },
            { "/alerts", "hours", true },
        };

    /// <summary>The address typed into the browser: a page load and a new circuit.</summary>
    private static async Task ExpectAnsweredAsync(IPage page, string url, string parameter, bool mustRefuse)
    {
        await page.GotoAsync(url);
        var refusal = page.GetByTestId("query-errors");
        var data = page.Locator("[data-testid=live-updated]:not(:empty)");
        await Expect(refusal.Or(data)).ToBeVisibleAsync();
        if (mustRefuse || await refusal.IsVisibleAsync())
        {
            await Expect(refusal).ToContainTextAsync(parameter);
        }

        await ExpectCircuitAliveAsync(page, url);
    }

    /// <summary>
    /// The address changed inside the open page, as by a link: the refusal must name the parameter and quote
    /// <paramref name="said"/>, which only this value's message holds (the previous one may still be on screen).
    /// </summary>
    private static async Task ExpectRefusedInPlaceAsync(IPage page, string url, string parameter, string said)
    {
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", url);
        var refusal = page.GetByTestId("query-errors").Locator("li", new() { HasText = said });
        await Expect(refusal).ToContainTextAsync(parameter);
        await ExpectCircuitAliveAsync(page, url);
    }

    private static async Task ExpectCircuitAliveAsync(IPage page, string url)
    {
        Assert.Equal(0, await page.GetByTestId("live-problem").CountAsync());
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), url + ": the circuit failed");
        Assert.False(await page.Locator("#components-reconnect-modal[open]").IsVisibleAsync(), url);
    }

    [Theory]
    [MemberData(nameof(NumericParameters))]
    public async Task NumericParameter_AtTheEdges_IsNamedOrServed_NeverCrashes(
        string path,
        string parameter,
        bool mustRefuse
    )
    {
        var page = await server.Browser.NewPageAsync(server.BaseUrl);

        await ExpectAnsweredAsync(page, $"{path}?{parameter}={int.MaxValue}", parameter, mustRefuse);
        foreach (var value in Bad)
        {
            await ExpectRefusedInPlaceAsync(page, $"{path}?{parameter}={value}", parameter, $"'{value}'");
        }
    }

    [Theory]
    [InlineData("/jobs", "jobname")]
    [InlineData("/jobs", "computingsite")]
    [InlineData("/jobs", "produsername")]
    [InlineData("/errors", "computingsite")]
    [InlineData("/tasks", "taskname")]
    [InlineData("/usage", "computingsite")]
    [InlineData("/memory", "transformation")]
    [InlineData("/alerts", "computingsite")]
    public async Task TextParameter_WithControlCharacters_IsNamed(string path, string parameter)
    {
        var page = await server.Browser.NewPageAsync(server.BaseUrl);

        await ExpectAnsweredAsync(page, $"{path}?{parameter}=a%00b", parameter, mustRefuse: true);
        foreach (var (value, character) in new[] { ("a%0Ab", "U+000A"), ("%7F", "U+007F"), ("a%1Bb", "U+001B") })
        {
            await ExpectRefusedInPlaceAsync(page, $"{path}?{parameter}={value}", parameter, character);
        }
    }
}
