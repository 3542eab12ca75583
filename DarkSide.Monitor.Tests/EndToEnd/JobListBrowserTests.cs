using System.Globalization;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>A shifter's job list in real Chromium against the real app and database.</summary>
public sealed partial class JobListBrowserTests(MonitorServerFixture server) : IClassFixture<MonitorServerFixture>
{
    private ILocator Rows(IPage page) => page.Locator("[data-testid=job-table] tbody tr");

    [Fact]
    public async Task JobList_ShowsEveryJobOfTheLastWeek_WithTheTotal()
    {
        var expected = await server.Database.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM doma_panda.jobsdefined4) + (SELECT count(*) FROM doma_panda.jobsactive4) + (SELECT count(*) FROM doma_panda.jobsarchived4)");

        var page = await server.OpenAsync("/jobs");

        await Expect(page.GetByTestId("job-total")).ToHaveTextAsync(expected.ToString("N0", CultureInfo.InvariantCulture) + " jobs");
        await Expect(Rows(page)).ToHaveCountAsync(100);
        await Expect(page.GetByTestId("pager")).ToContainTextAsync($"Page 1 of {(expected + 99) / 100}");
    }

    [Fact]
    public async Task ClickingASite_FiltersTheListByItThroughTheUrl()
    {
        var page = await server.OpenAsync("/jobs?jobstatus=finished");
        var site = Rows(page).First.Locator("td").Nth(9).GetByRole(AriaRole.Link);
        var name = await site.InnerTextAsync();

        await site.ClickAsync();

        await page.WaitForURLAsync(new Regex("computingsite=" + Regex.Escape(name)));
        await Expect(page.Locator("[data-testid=job-table] tbody tr td:nth-child(10)").Filter(new() { HasNotText = name })).ToHaveCountAsync(0);
        await Expect(Rows(page)).ToHaveCountAsync(100);
        var sites = await page.Locator("[data-testid=job-table] tbody tr td:nth-child(10)").AllInnerTextsAsync();
        Assert.All(sites, s => Assert.Equal(name, s.Trim()));
        Assert.Contains("jobstatus=finished", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickingAStatusInTheSummary_FiltersTheListAndTheSummary()
    {
        var page = await server.OpenAsync("/jobs");
        var failed = page.Locator("[data-summary-field=jobstatus] [data-summary-value=failed]");
        await Expect(failed).ToBeVisibleAsync();
        var expected = (await failed.InnerTextAsync()).Split('(')[1].TrimEnd(')').Replace(",", "", StringComparison.Ordinal);

        await failed.ClickAsync();

        await page.WaitForURLAsync(new Regex("jobstatus=failed"));
        await Expect(page.GetByTestId("job-total")).ToHaveTextAsync($"{long.Parse(expected, CultureInfo.InvariantCulture):N0} jobs");
        await Expect(page.Locator("[data-summary-field=jobstatus] [data-summary-value]")).ToHaveCountAsync(1);
        var states = await page.Locator("[data-testid=job-table] tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.All(states, s => Assert.Equal("failed", s.Trim()));
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task NextPage_ShowsTheFollowingJobs()
    {
        var page = await server.OpenAsync("/jobs?sortby=pandaid&display_limit=20");
        await Expect(Rows(page)).ToHaveCountAsync(20);
        var lastOnFirst = long.Parse((await Rows(page).Last.Locator("td a").First.InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);

        await page.GetByRole(AriaRole.Link, new() { Name = "Next →" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("page=2"));
        await Expect(Rows(page).First.Locator("td a").First).ToHaveTextAsync((lastOnFirst - 1).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FailedJob_OpensItsPage_AndTheRetryChainCanBeFollowed()
    {
        var old = await server.Database.ScalarAsync<long>(
            "SELECT r.oldpandaid FROM doma_panda.jedi_job_retry_history r JOIN doma_panda.jobsarchived4 j ON j.pandaid = r.oldpandaid ORDER BY 1 LIMIT 1");
        var retry = await server.Database.ScalarAsync<long>("SELECT newpandaid FROM doma_panda.jedi_job_retry_history WHERE oldpandaid = @p", ("p", old));
        var page = await server.OpenAsync($"/jobs?pandaid={old}");

        await Rows(page).First.GetByRole(AriaRole.Link, new() { Name = old.ToString(CultureInfo.InvariantCulture) }).ClickAsync();

        await page.WaitForURLAsync($"**/job/{old}");
        await Expect(page.GetByTestId("job-header")).ToContainTextAsync($"Job {old}");
        await Expect(page.GetByTestId("job-header")).ToContainTextAsync("failed");
        await page.GetByTestId("job-attempts").GetByRole(AriaRole.Link, new() { Name = retry.ToString(CultureInfo.InvariantCulture) }).ClickAsync();
        await page.WaitForURLAsync($"**/job/{retry}");
        await Expect(page.GetByTestId("job-header")).ToContainTextAsync($"Job {retry}");
        await Expect(page.GetByTestId("job-attempts")).ToContainTextAsync("retried from this one");
    }

    [Fact]
    public async Task BadAddress_ExplainsEachParameter_WithoutAnErrorPage()
    {
        var page = await server.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });

        var response = await page.GotoAsync("/jobs?hours=abc&sortby=random");

        Assert.Equal(200, response!.Status);
        await Expect(page.GetByTestId("query-errors")).ToContainTextAsync("hours 'abc' is not valid; expected a whole number from 1 to 87600.");
        await Expect(page.GetByTestId("query-errors")).ToContainTextAsync("sortby 'random' is not a sort order");
        await Expect(page.GetByTestId("job-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task BlindJob_WithoutAccess_NeverReachesTheBrowserOrTheLog()
    {
        await using var command = server.Database.Admin.CreateCommand(
            $"SELECT pandaid, jobname FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} ORDER BY pandaid LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (pandaId, jobName) = (reader.GetInt64(0), reader.GetString(1));

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
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$")]
    private static partial Regex UtcClockText();
}
