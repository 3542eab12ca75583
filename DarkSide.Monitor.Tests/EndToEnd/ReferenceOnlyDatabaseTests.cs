using System.Net;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;
using Rows = DarkSide.Monitor.Tests.Infrastructure.PandaReferenceRows;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The monitor on a PanDA database that our demo generator never touched: PanDA's tables from the reference DDL and
/// only rows written as PanDA writes them (NULLs, placeholders, a task without datasets, a job only in the archive).
/// Every page and every export works on it, and the missing optional table is named.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed class ReferenceOnlyDatabaseTests(ReferenceOnlyDatabaseTests.Fixture fixture)
    : ClosesPagesAfterEachTest(() => fixture.Browser),
        IClassFixture<ReferenceOnlyDatabaseTests.Fixture>
{
    public sealed class Fixture : ReferenceOnlyBrowserFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["JobList__RefreshSeconds"] = "1", ["Rollups__IntervalSeconds"] = "5" };
    }

    [Fact]
    public async Task EveryPage_ShowsPandasOwnRows_WithoutAProblem()
    {
        var named = string.Join(",", Rows.NamedJobs);
        var pages = new (string Path, string Ready)[]
        {
            ("/", "site-states"),
            ("/jobs?days=3", "job-total"),
            ($"/jobs?pandaid={named}", "job-total"),
            ("/jobs?jobstatus=failed&days=3", "error-summary"),
            ($"/job/{Rows.PrunFinished}", "job-summary"),
            ($"/job/{Rows.BarePending}", "job-summary"),
            ($"/job/{Rows.BareActivated}", "job-summary"),
            ($"/job/{Rows.BareCancelledWithoutTask}", "job-summary"),
            ($"/job/{Rows.BareOldArchived}", "job-summary"),
            ("/tasks?days=3", "task-total"),
            ($"/task/{Rows.PrunTaskId}", "task-facts"),
            ($"/task/{Rows.BareTaskId}", "task-facts"),
            ("/errors?days=3", "errors-window"),
            ("/usage?days=3", "usage-by-transformation"),
            ("/memory?days=3", "rollup-status"),
            ("/sites?days=3", "sites-table"),
        };

        foreach (var (path, ready) in pages)
        {
            var page = await fixture.Browser.OpenAsync(fixture.BaseUrl, path);
            await Expect(page.GetByTestId(ready).First).ToBeVisibleAsync();
            await PageSettling.SettledAsync(page);
            Assert.True(
                await page.GetByTestId("live-problem").CountAsync() == 0,
                $"{path}: {await page.ContentAsync()}"
            );
            Assert.DoesNotContain("could not read", await page.ContentAsync(), StringComparison.Ordinal);
            await fixture.Browser.ClosePagesAsync();
        }

        var jobs = await fixture.Browser.OpenAsync(fixture.BaseUrl, $"/jobs?pandaid={named}");
        await Expect(jobs.GetByTestId("job-total")).ToHaveTextAsync($"{Rows.NamedJobs.Count} jobs");
    }

    [Fact]
    public async Task EveryExport_AnswersWithPandasOwnRows_AndTheMissingOptionalTableIsNamed()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        foreach (
            var path in new[]
            {
                "/jobs?json&days=3",
                "/jobs/csv?days=3",
                "/tasks/?json&days=3",
                $"/task/{Rows.PrunTaskId}/?json",
                $"/job?pandaid={Rows.BarePending}&json",
                $"/job?pandaid={Rows.BareOldArchived}&json",
                "/errors/?json&days=3",
                "/sites/?json",
                "/api/joberrordescriptions/?json",
                $"/jobstatuslog/{Rows.PrunFinished}/",
                "/usage/csv?days=3&table=daily",
            }
        )
        {
            var response = await http.GetAsync(path);
            Assert.True(
                response.StatusCode == HttpStatusCode.OK,
                $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
            );
        }

        using var jobs = JsonDocument.Parse(
            await http.GetStringAsync($"/jobs?json&pandaid={string.Join(",", Rows.NamedJobs)}")
        );
        using var ready = JsonDocument.Parse(await http.GetStringAsync("/healthz/ready"));

        Assert.Equal(
            Rows.NamedJobs.Order(),
            jobs.RootElement.GetProperty("jobs")
                .EnumerateArray()
                .Select(j => j.GetProperty("pandaid").GetInt64())
                .Order()
        );
        // BigPanDA's values where PanDA's rows hold NULL or a path: the JSON's clients read these, never a null.
        var byId = jobs
            .RootElement.GetProperty("jobs")
            .EnumerateArray()
            .ToDictionary(j => j.GetProperty("pandaid").GetInt64());
        Assert.All(byId.Values, j => Assert.Equal("ordinary", j.GetProperty("eventservice").GetString()));
        Assert.Equal("Unknown", byId[Rows.BarePending].GetProperty("wn").GetString());
        Assert.Equal("Unknown", byId[Rows.BarePending].GetProperty("produsername").GetString());
        Assert.Equal("wn-07-11.cr.cnaf.infn.it", byId[Rows.PrunRunning].GetProperty("wn").GetString());
        var transformations = jobs
            .RootElement.GetProperty("selectionsummary")
            .EnumerateArray()
            .Single(a => a.GetProperty("field").GetString() == "transformation")
            .GetProperty("list")
            .EnumerateArray()
            .Select(v => v.GetProperty("kname").GetString());
        Assert.Contains("runGen-00-00-02", transformations);
        Assert.All(transformations, name => Assert.DoesNotContain("/", name, StringComparison.Ordinal));
        Assert.Equal("Degraded", ready.RootElement.GetProperty("status").GetString());
        Assert.Contains(
            "doma_panda.jedi_taskparams",
            ready.RootElement.GetProperty("checks")[0].GetProperty("description").GetString(),
            StringComparison.Ordinal
        );
    }
}
