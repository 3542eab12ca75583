using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// An admin going from the task list to a task and its failures, and from the error summary to the jobs.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class TaskAndErrorBrowserTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    [Fact]
    public async Task TaskList_OpensATask_WhoseStateCountsOpenItsJobs()
    {
        var task = await server.Database.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_job_retry_history GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        var page = await server.OpenAsync($"/tasks?jeditaskid={task}");

        await page.Locator($"tr[data-task='{task}'] a").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/task/{task}$"));
        await Expect(page.GetByTestId("task-mode")).ToContainTextAsync("drop mode");
        var retries = await server.Database.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jedi_job_retry_history WHERE jeditaskid = @t",
            ("t", task)
        );
        await Expect(page.GetByTestId("retry-total")).ToContainTextAsync($"{retries:N0} retr");
        await Expect(page.Locator("[data-testid=task-retries] tbody tr"))
            .ToHaveCountAsync((int)Math.Min(retries, Monitor.Panda.Tasks.TaskRetrySql.Latest));
        var all = page.Locator("[data-state-count=all]");
        var count = (await all.InnerTextAsync())
            .Replace("all", "", StringComparison.Ordinal)
            .Replace(",", "", StringComparison.Ordinal)
            .Trim();
        await all.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/jobs\\?jeditaskid={task}&mode=drop$"));
        await Expect(page.GetByTestId("job-total"))
            .ToHaveTextAsync($"{long.Parse(count, CultureInfo.InvariantCulture):N0} jobs");
        await Expect(page.GetByTestId("drop-mode")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ErrorSummary_DrawsTheHistogram_AndItsCountsOpenTheFailedJobs()
    {
        var page = await server.OpenAsync("/errors?days=30");
        await Expect(page.Locator("[data-testid=error-histogram] .main-svg").First).ToBeVisibleAsync();
        var firstSite = page.Locator("[data-testid=errors-by-computingsite] tr[data-group]").First;
        var failed = (await firstSite.Locator("[data-count=failed]").InnerTextAsync())
            .Replace(",", "", StringComparison.Ordinal)
            .Trim();

        await firstSite.Locator("[data-count=failed]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/jobs\\?days=30&computingsite=.+&jobstatus=failed$"));
        await Expect(page.GetByTestId("job-total"))
            .ToHaveTextAsync($"{long.Parse(failed, CultureInfo.InvariantCulture):N0} jobs");
    }

    private static async Task<List<string[]>> DownloadCsvAsync(Microsoft.Playwright.IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).First.ClickAsync());
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
    }

    [Fact]
    public async Task ErrorAndTaskTables_DownloadAsCsv_WithWhatThePageShows()
    {
        var page = await server.OpenAsync("/errors?days=3");
        var firstSite = page.Locator("[data-testid=errors-by-computingsite] tbody tr").First;
        await Expect(firstSite).ToBeVisibleAsync();

        var sites = await DownloadCsvAsync(page, "csv-site");
        Assert.Equal(["computingsite", "failed", "finished", "holding", "jobs", "failure_percent"], sites[0]);
        var shown = await firstSite.GetAttributeAsync("data-group");
        var failed = await firstSite.Locator("[data-count=failed]").InnerTextAsync();
        Assert.Equal(failed.Replace(",", "", StringComparison.Ordinal), sites.Single(l => l[0] == shown)[1]);
        var codes = await DownloadCsvAsync(page, "csv-code");
        Assert.Equal(await page.Locator("[data-testid=error-summary] tbody tr").CountAsync(), codes.Count - 1);

        await page.GotoAsync("/tasks?days=30&display_limit=10");
        var total = await page.GetByTestId("task-total").InnerTextAsync();
        var tasks = await DownloadCsvAsync(page, "export-csv");
        Assert.Equal("jeditaskid", tasks[0][0]);
        Assert.Equal($"{tasks.Count - 1:N0} tasks", total);

        await page.GotoAsync("/");
        await Expect(page.Locator("[data-testid=site-states] tbody tr").First).ToBeVisibleAsync();
        var overview = await DownloadCsvAsync(page, "csv-sites");
        Assert.Equal("computingsite", overview[0][0]);
        Assert.Equal(await page.Locator("[data-testid=site-states] tbody tr").CountAsync(), overview.Count - 1);

        var bad = await page.APIRequest.GetAsync("/errors/csv?days=3&table=colour");
        Assert.Equal(400, bad.Status);
        Assert.Contains("table: 'colour' is not a table", await bad.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_SiteCountsOpenExactlyThoseJobs()
    {
        var page = await server.OpenAsync("/");
        var cell = page.Locator("[data-testid=site-states] tr[data-site] td[data-state=finished] a").First;
        await Expect(cell).ToBeVisibleAsync();
        var count = (await cell.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal).Trim();

        await cell.ClickAsync();

        await Expect(page)
            .ToHaveURLAsync(new Regex("/jobs\\?date_from=.+&date_to=.+&computingsite=.+&jobstatus=finished$"));
        await Expect(page.GetByTestId("job-total"))
            .ToHaveTextAsync($"{long.Parse(count, CultureInfo.InvariantCulture):N0} jobs");
    }
}
