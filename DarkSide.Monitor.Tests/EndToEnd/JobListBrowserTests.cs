using System.Globalization;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>A shifter's job list in real Chromium against the real app and database.</summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed partial class JobListBrowserTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    private ILocator Rows(IPage page) => page.Locator("[data-testid=job-table] tbody tr.job-row");

    [Fact]
    public async Task JobList_ShowsEveryJobOfTheLastWeek_WithTheTotal()
    {
        var expected = await server.Database.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM doma_panda.jobsdefined4) + (SELECT count(*) FROM "
                + "doma_panda.jobsactive4) + (SELECT count(*) FROM doma_panda.jobsarchived4)"
        );

        var page = await server.OpenAsync("/jobs");

        await Expect(page.GetByTestId("job-total"))
            .ToHaveTextAsync(expected.ToString("N0", CultureInfo.InvariantCulture) + " jobs");
        await Expect(Rows(page)).ToHaveCountAsync(100);
        await Expect(page.GetByTestId("pager")).ToContainTextAsync($"Page 1 of {(expected + 99) / 100}");
    }

    [Fact]
    public async Task ClickingASite_FiltersTheListByItThroughTheUrl()
    {
        var page = await server.OpenAsync("/jobs?jobstatus=finished");
        var site = Rows(page).First.Locator("td.col-site").GetByRole(AriaRole.Link);
        // The DOM's text, not the rendered one: rows are content-visibility: auto, and a row Chromium has not laid out
        // yet gave an empty innerText (the test then looked for sites named "").
        var name = (await site.TextContentAsync())!.Trim();
        Assert.NotEmpty(name);

        await site.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("computingsite=" + Regex.Escape(name)));
        await Expect(
                page.Locator("[data-testid=job-table] tbody tr.job-row td.col-site").Filter(new() { HasNotText = name })
            )
            .ToHaveCountAsync(0);
        await Expect(Rows(page)).ToHaveCountAsync(100);
        // The site cell: the queue, and its schedconfig_json status only when it is not the normal "online".
        var sites = await page.Locator("[data-testid=job-table] tbody tr.job-row td.col-site").AllTextContentsAsync();
        AssertEvery(sites, s => Assert.Equal(name, s.Trim()));
        Assert.Contains("jobstatus=finished", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickingAStatusInTheSummary_FiltersTheListAndTheSummary()
    {
        var page = await server.OpenAsync("/jobs");
        // The summary is folded to a line above the list: one click opens it, and it stays open as the list changes.
        await page.GetByTestId("attribute-summary").Locator("summary").ClickAsync();
        var failed = page.Locator("[data-summary-field=jobstatus] [data-summary-value=failed]");
        await Expect(failed).ToBeVisibleAsync();
        var expected = (await failed.InnerTextAsync())
            .Split('(')[1]
            .TrimEnd(')')
            .Replace(",", "", StringComparison.Ordinal);

        await failed.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("jobstatus=failed"));
        await Expect(page.GetByTestId("job-total"))
            .ToHaveTextAsync($"{long.Parse(expected, CultureInfo.InvariantCulture):N0} jobs");
        await Expect(page.Locator("[data-summary-field=jobstatus] [data-summary-value]")).ToHaveCountAsync(1);
        var states = await page.Locator("[data-testid=job-table] tbody tr.job-row td.col-status")
            .AllTextContentsAsync();
        AssertEvery(states, s => Assert.Equal("failed", s.Trim()));
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task NextPage_ShowsTheFollowingJobs()
    {
        var page = await server.OpenAsync("/jobs?sortby=pandaid&display_limit=20");
        await Expect(Rows(page)).ToHaveCountAsync(20);
        var lastOnFirst = long.Parse(
            (await Rows(page).Last.Locator("td a").First.TextContentAsync())!.Trim(),
            CultureInfo.InvariantCulture
        );

        await page.GetByTestId("page-next").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Expect(Rows(page).First.Locator("td a").First)
            .ToHaveTextAsync((lastOnFirst - 1).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FailedJob_OpensItsPage_AndTheRetryChainCanBeFollowed()
    {
        var old = await server.Database.ScalarAsync<long>(
            "SELECT r.oldpandaid FROM doma_panda.jedi_job_retry_history r JOIN doma_panda.jobsarchived4 j ON "
                + "j.pandaid = r.oldpandaid ORDER BY 1 LIMIT 1"
        );
        var retry = await server.Database.ScalarAsync<long>(
            "SELECT newpandaid FROM doma_panda.jedi_job_retry_history WHERE oldpandaid = @p",
            ("p", old)
        );
        var page = await server.OpenAsync($"/jobs?pandaid={old}");

        await Rows(page)
            .First.GetByRole(AriaRole.Link, new() { Name = old.ToString(CultureInfo.InvariantCulture) })
            .ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/job/{old}$"));
        await Expect(page.GetByTestId("job-header")).ToContainTextAsync($"Job {old}");
        await Expect(page.GetByTestId("job-header")).ToContainTextAsync("failed");
        await page.GetByTestId("job-attempts")
            .GetByRole(AriaRole.Link, new() { Name = retry.ToString(CultureInfo.InvariantCulture) })
            .ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/job/{retry}$"));
        await Expect(page.GetByTestId("job-header")).ToContainTextAsync($"Job {retry}");
        await Expect(page.GetByTestId("job-attempts")).ToContainTextAsync("retried from this one");
    }

    /// <summary>
    /// A refresh touches only the jobs that changed: a job shown before and after with the same values keeps its very
    /// DOM nodes (re-inserting every row each refresh is what made the list jank), and a new job is marked.
    /// </summary>
    [Fact]
    public async Task LiveList_ShowsNewJobsWhileTheSimulatorRuns_MarksThem_AndLeavesUnchangedRowsAlone()
    {
        var page = await server.OpenAsync("/jobs?sortby=pandaid&display_limit=50");
        await Expect(page.GetByTestId("live-updated")).ToHaveTextAsync(UpdatedText());
        var newestBefore = long.Parse(
            (await Rows(page).First.Locator("td a").First.TextContentAsync())!.Trim(),
            CultureInfo.InvariantCulture
        );
        // Each job's row node and its text without the cells the browser's clock fills.
        const string Read = """
            () => new Map([...document.querySelectorAll('[data-testid=job-table] tbody.job')].map(t => {
                const row = t.querySelector('tr.job-row');
                const copy = t.cloneNode(true);
                copy.querySelectorAll('[data-counting-from]').forEach(c => c.remove());
                return [row.querySelector('td').textContent.trim(), { row, text: copy.textContent }];
            }))
            """;
        await page.EvaluateAsync($"() => {{ window.__before = ({Read})(); }}");

        await new LiveSimulator(server.Database.Admin, server.Database.Options, jobsPerTick: 5).TickAsync(
            CancellationToken.None
        );

        var newest = await server.Database.ScalarAsync<long>($"SELECT max(pandaid) FROM {Oracle.AllJobs}");
        Assert.True(newest > newestBefore);
        await Expect(Rows(page).First.Locator("td a").First)
            .ToHaveTextAsync(newest.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("tbody.job-changed tr.job-row").First).ToBeVisibleAsync();
        Assert.Contains("sortby=pandaid", page.Url, StringComparison.Ordinal);

        var survivors = await page.EvaluateAsync<int[]>(
            $$"""
            () => {
                const after = ({{Read}})();
                let same = 0, resent = 0;
                for (const [id, was] of window.__before) {
                    const now = after.get(id);
                    if (now && now.text === was.text) { if (now.row === was.row) same++; else resent++; }
                }
                return [same, resent];
            }
            """
        );
        Assert.True(survivors[0] >= 10, $"{survivors[0]} unchanged jobs stayed on the page");
        Assert.Equal(0, survivors[1]);
        // The mark is a style, not an animation: an animated mark restyled every marked cell on every frame.
        Assert.Equal(
            0,
            await page.EvaluateAsync<int>(
                "() => document.getAnimations().filter(a => a.effect?.target?.closest?.('[data-testid=job-table]'))"
                    + ".length"
            )
        );
    }

    [Fact]
    public async Task ColumnHeader_SortsThroughTheUrl_AndBackRestoresTheOrder()
    {
        var page = await server.OpenAsync("/jobs?display_limit=20");
        await Expect(Rows(page)).ToHaveCountAsync(20);
        // Once blazor.web.js runs, a click on a link waits for the circuit; on a loaded machine that took over 30 s.
        await PageSettling.FilterBarReadyAsync(page);

        var header = page.Locator("th.col-priority a.sort-link");
        await header.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("sortby=priority-descending"));
        await Expect(header).ToHaveTextAsync("Prio ↓");
        await Expect(page.GetByTestId("job-list")).ToHaveAttributeAsync("data-state", "ready");
        // The grid re-renders its rows just after the page marks the new data ready; read until it has.
        List<int> priorities = [];
        for (var attempt = 0; attempt < 80; attempt++)
        {
            priorities = (await Rows(page).Locator("td.col-priority").AllTextContentsAsync())
                .Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture))
                .ToList();
            if (priorities.SequenceEqual(priorities.OrderDescending()))
            {
                break;
            }

            await page.WaitForTimeoutAsync(250);
        }

        Assert.Equal(priorities.OrderDescending(), priorities);
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/jobs\\?display_limit=20$"));
        await Expect(page.Locator("th.col-modified a.sort-link")).ToHaveTextAsync("Modified ↓");
        await Expect(header).ToHaveTextAsync("Prio");
    }

    [Fact]
    public async Task FilterBar_AppliesSiteAndStatusThroughTheUrl()
    {
        var site = await server.Database.ScalarAsync<string>(
            "SELECT computingsite FROM doma_panda.jobsarchived4 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        var expected = await server.Database.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE computingsite = @s AND jobstatus = 'failed' "
                + "AND modificationtime >= (now() AT TIME ZONE 'UTC') - interval '7 days'",
            ("s", site)
        );
        var page = await server.OpenAsync("/jobs");

        await PageSettling.FilterBarReadyAsync(page);
        await page.GetByTestId("filter-computingsite").FillAsync(site);
        await PageSettling.ApplyFilterBarAsync(page, new Regex("computingsite=" + Regex.Escape(site)));
        var failedChip = page.Locator("[data-testid=filter-bar] [data-status=failed]");
        await Expect(failedChip).ToHaveAttributeAsync("href", new Regex("computingsite="));
        await failedChip.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("jobstatus=failed"));
        await Expect(page.GetByTestId("job-total")).ToHaveTextAsync($"{expected:N0} jobs");
    }

    [Fact]
    public async Task BadAddress_ExplainsEachParameter_WithoutAnErrorPage()
    {
        var page = await server.Browser.NewPageAsync(server.BaseUrl);

        var response = await page.GotoAsync("/jobs?hours=abc&sortby=random");

        Assert.Equal(200, response!.Status);
        await Expect(page.GetByTestId("query-errors"))
            .ToContainTextAsync("hours 'abc' is not valid; expected a whole number from 1 to 87600.");
        await Expect(page.GetByTestId("query-errors")).ToContainTextAsync("sortby 'random' is not a sort order");
        await Expect(page.GetByTestId("job-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task BlindJob_WithoutAccess_NeverReachesTheBrowserOrTheLog()
    {
        var (pandaId, jobName) = await server.Database.FirstBlindJobAsync();

        var page = await server.OpenAsync($"/jobs?pandaid={pandaId}");
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(Rows(page).First).ToContainTextAsync("blind");
        var html = await page.ContentAsync();
        var byName = await server.OpenAsync($"/jobs?jobname={Uri.EscapeDataString(jobName)}");
        await Expect(byName.GetByTestId("job-total")).ToHaveTextAsync("0 jobs");

        Assert.DoesNotContain(jobName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("blind:", html, StringComparison.Ordinal);
        Assert.DoesNotContain(jobName[..jobName.LastIndexOf('.')], server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_ShowsTheUtcClock_AndSwitchesTheTheme()
    {
        var page = await server.OpenAsync("/jobs");

        await Expect(page.GetByTestId("utc-clock")).ToHaveTextAsync(UtcClockText());
        await Expect(page.GetByTestId("live-updated")).ToHaveTextAsync(UpdatedText());
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Shell_StartsInTheSystemsDarkTheme_AndTheViewersChoiceSticks()
    {
        var page = await server.OpenAsync("/jobs", ColorScheme.Dark);
        await Expect(page.GetByTestId("live-updated")).ToHaveTextAsync(UpdatedText());

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" })).ToBeVisibleAsync();

        // A live refresh re-renders the layout; the system preference must not take the theme back.
        await Expect(page.GetByTestId("live-updated"))
            .Not.ToHaveTextAsync(await page.GetByTestId("live-updated").InnerTextAsync());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^updated \d\d:\d\d:\d\d UTC$")]
    private static partial Regex UpdatedText();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$")]
    private static partial Regex UtcClockText();
}
