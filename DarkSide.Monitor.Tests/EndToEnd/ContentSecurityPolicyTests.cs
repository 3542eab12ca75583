using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The content security policy allows scripts only from the monitor's own files. Script injected into a page (as a
/// cross-site-scripting flaw would) and inline event handlers do not run, while Blazor, MudBlazor and plotly.js work
/// under the policy without a single violation.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class ContentSecurityPolicyTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    private const string RecordViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private async Task<IPage> OpenRecordingAsync(string path)
    {
        var page = await server.Browser.NewPageAsync(server.BaseUrl);
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync(path);
        return page;
    }

    private static Task<string[]> ViolationsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("() => window.__violations");

    [Fact]
    public async Task Pages_WithGridsChartsAndLiveUpdates_RunWithoutAViolation()
    {
        var jobs = await OpenRecordingAsync("/jobs?hours=12");
        await Expect(jobs.Locator("[data-testid=job-table] tbody tr.job-row").First).ToBeVisibleAsync();
        var usage = await OpenRecordingAsync("/usage?days=7");
        await Expect(usage.Locator("[data-testid=chart-jobs] .main-svg").First)
            .ToBeVisibleAsync(new() { Timeout = 60_000 });
        var overview = await OpenRecordingAsync("/");
        await Expect(overview.Locator("h1, h5").First).ToBeVisibleAsync();

        Assert.Empty(await ViolationsAsync(jobs));
        Assert.Empty(await ViolationsAsync(usage));
        Assert.Empty(await ViolationsAsync(overview));
    }

    [Fact]
    public async Task InjectedInlineScript_AndEventHandlers_DoNotRun()
    {
        var page = await OpenRecordingAsync("/jobs?hours=12");
        await Expect(page.Locator("[data-testid=job-table] tbody tr.job-row").First).ToBeVisibleAsync();

        // What a stored cross-site-scripting flaw would write into the page.
        await page.EvaluateAsync(
            """
            () => {
              const s = document.createElement('script');
              s.textContent = 'window.__injected = document.cookie + "ran"';
              document.body.appendChild(s);
              const img = document.createElement('img');
              img.setAttribute('src', 'x:');
              img.setAttribute('onerror', 'window.__handler = 1');
              document.body.appendChild(img);
            }
            """
        );

        Assert.Null(await page.EvaluateAsync<string?>("() => window.__injected ?? null"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__handler === 1"));
        Assert.Contains(await ViolationsAsync(page), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }
}
