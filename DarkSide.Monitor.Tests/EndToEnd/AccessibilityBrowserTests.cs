using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// axe-core's WCAG 2 A and AA rules on every page, in both themes: no critical or serious violation. The pages are
/// checked once their data is shown, since that is what a person reads.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class AccessibilityBrowserTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    private static readonly AxeRunOptions Wcag2 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static TheoryData<string, ColorScheme> Pages()
    {
        var data = new TheoryData<string, ColorScheme>();
        foreach (
            var page in new[]
            {
                "/",
                "/jobs",
                "/tasks",
                "task",
                "job",
                "/errors",
                "/sites",
                "site",
                "/usage",
                "/memory",
                "/account",
            }
        )
        {
            data.Add(page, ColorScheme.Light);
            data.Add(page, ColorScheme.Dark);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoCriticalOrSeriousViolation(string view, ColorScheme scheme)
    {
        var page = await server.OpenAsync(
            await PathAsync(view),
            scheme,
            new ViewportSize { Width = 1440, Height = 900 }
        );
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await PageSettling.SettledAsync(page);

        var results = await page.RunAxe(Wcag2);

        var grave = results
            .Violations.Where(v => v.Impact is "critical" or "serious")
            .Select(v =>
                $"{v.Id} ({v.Impact}, {v.Nodes.Length} elements, e.g. {string.Join(" ", v.Nodes[0].Target)}: "
                + $"{v.Nodes[0].Html[..Math.Min(120, v.Nodes[0].Html.Length)]})"
            )
            .ToList();
        Assert.True(grave.Count == 0, string.Join("\n", grave));
    }

    private async Task<string> PathAsync(string page) =>
        page switch
        {
            "job" => "/job/"
                + await server.Database.ScalarAsync<long>(
                    "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' ORDER BY pandaid LIMIT 1"
                ),
            "task" => "/task/"
                + await server.Database.ScalarAsync<long>(
                    "SELECT jeditaskid FROM doma_panda.jedi_tasks ORDER BY jeditaskid LIMIT 1"
                ),
            "site" => "/site/"
                + await server.Database.ScalarAsync<string>(
                    "SELECT computingsite FROM doma_panda.jobsarchived4 WHERE computingsite IS NOT NULL LIMIT 1"
                ),
            _ => page,
        };
}
