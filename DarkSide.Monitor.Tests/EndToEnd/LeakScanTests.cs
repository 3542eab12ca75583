using DarkSide.Monitor.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Signed in as the shifter (no blind access), crawl the pages and exports the app offers, including filters on
/// blind-only fields, and look for any blind job name, dataset name, file name or blind-specific diagnostic.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class LeakScanTests(IamSignInFixture iam) : ClosesPagesAfterEachTest(() => iam.Browser)
{
    private async Task<List<string>> SecretsAsync()
    {
        var blindJobs = $"(SELECT * FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind}) b";
        var secrets = new List<string>();
        secrets.AddRange(await iam.Database.ColumnAsync<string>($"SELECT jobname FROM {blindJobs}"));
        secrets.AddRange(
            await iam.Database.ColumnAsync<string>(
                "SELECT datasetname FROM doma_panda.jedi_datasets WHERE jeditaskid IN (SELECT jeditaskid FROM "
                    + "doma_panda.jedi_datasets WHERE datasetname LIKE 'blind:%')"
            )
        );
        secrets.AddRange(
            await iam.Database.ColumnAsync<string>(
                $"SELECT lfn FROM doma_panda.filestable4 WHERE pandaid IN (SELECT pandaid FROM {blindJobs})"
            )
        );
        secrets.AddRange(
            await iam.Database.ColumnAsync<string>(
                $"SELECT piloterrordiag FROM {blindJobs} WHERE piloterrordiag LIKE '%blind%'"
            )
        );
        return secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
    }

    [Fact]
    public async Task Shifter_FindsNoBlindValue_OnAnyPageOrExport()
    {
        var secrets = await SecretsAsync();
        Assert.True(secrets.Count > 10, "the test database must hold blind data");
        var blindJobs = await iam.Database.ColumnAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} ORDER BY pandaid LIMIT 4"
        );
        var blindTask = await iam.Database.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_datasets WHERE datasetname LIKE 'blind:%' LIMIT 1"
        );
        var blindName = secrets[0];
        var blindDataset = secrets.First(s => s.StartsWith("blind:", StringComparison.Ordinal));
        var site = await iam.Database.ScalarAsync<string>(
            $"SELECT computingsite FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' GROUP BY 1 ORDER BY "
                + $"count(*) DESC LIMIT 1"
        );
        var page = await iam.SignInAsync("Wlcg", "shifter", "/");
        await Expect(page.GetByTestId("site-states")).ToBeVisibleAsync();

        var pages = new (string Path, string Ready)[]
        {
            ("/", "site-states"),
            ("/jobs?days=3&display_limit=1000", "job-total"),
            ($"/jobs?jeditaskid={blindTask}&mode=nodrop", "job-total"),
            ($"/jobs?jobname={Uri.EscapeDataString(blindName)}", "job-total"),
            ($"/jobs?proddblock={Uri.EscapeDataString(blindDataset)}", "job-total"),
            ("/jobs?jobname=ds20k*&days=3", "job-total"),
            ("/jobs?jobstatus=failed&days=3", "error-summary"),
            ("/errors?days=3", "errors-window"),
            ("/tasks?days=30&display_limit=1000", "task-total"),
            ($"/task/{blindTask}", "task-datasets"),
            ("/account", "account-access"),
            ("/usage?days=3", "usage-by-transformation"),
            ("/memory?days=3", "memory-groups"),
            ("/sites?days=3", "sites-table"),
            ($"/site/{site}?days=3", "site-top-errors"),
            ("/alerts?days=3", "alert-rules"),
        }.Concat(blindJobs.Select(id => ($"/job/{id}", "job-summary")));
        var seen = new List<(string Where, string Content)>();
        foreach (var (path, ready) in pages)
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId(ready).First).ToBeVisibleAsync();
            await PageSettling.SettledAsync(page);
            seen.Add((path, await page.ContentAsync()));
        }

        foreach (
            var export in new[]
            {
                "/jobs/csv?days=3",
                "/jobs?json&days=3",
                $"/jobs/csv?jeditaskid={blindTask}&mode=nodrop",
                $"/jobs?json&jobname={Uri.EscapeDataString(blindName)}",
                "/usage/csv?days=3&table=transformation",
                "/memory/csv?days=3&table=overrequest",
                "/memory/csv?days=3&table=leaks",
                $"/site/{site}/csv?days=3",
                "/errors/csv?days=3&table=code",
                "/errors/csv?days=3&table=task",
                "/tasks/csv?days=30",
                "/overview/csv?table=errors",
                "/overview/csv?table=stalled",
                "/alerts?json&days=3",
            }
        )
        {
            var response = await page.Context.APIRequest.GetAsync(iam.MonitorUrl("Wlcg") + export);
            Assert.Equal(200, response.Status);
            seen.Add((export, await response.TextAsync()));
        }

        // A value the shifter typed into the address (a filter) is echoed back in the filter bar and links; that is
        // their own input, not data. Every other blind value must be absent.
        foreach (var (where, content) in seen)
        {
            var leaked = secrets.FirstOrDefault(s =>
                content.Contains(s, StringComparison.Ordinal)
                && !Uri.UnescapeDataString(where).Contains(s, StringComparison.Ordinal)
            );
            Assert.True(leaked is null, $"{where} shows the blind value '{leaked}'");
        }

        // Filters on blind-only fields count as if the blind jobs did not exist.
        await page.GotoAsync($"/jobs?jobname={Uri.EscapeDataString(blindName)}");
        await Expect(page.GetByTestId("job-total")).ToHaveTextAsync("0 jobs");
        var byDataset = await iam.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM (SELECT * FROM {Oracle.AllJobs}) x WHERE pandaid IN (SELECT pandaid FROM "
                + $"doma_panda.jobsarchived4 WHERE proddblock = @d UNION SELECT pandaid FROM "
                + $"doma_panda.jobsactive4 WHERE proddblock = @d UNION SELECT pandaid FROM "
                + $"doma_panda.jobsdefined4 WHERE proddblock = @d) AND NOT "
                + $"{Oracle.IsBlind.Replace("j.", "x.", StringComparison.Ordinal)}",
            ("d", blindDataset)
        );
        var json = await page.Context.APIRequest.GetAsync(
            iam.MonitorUrl("Wlcg") + $"/jobs?json&proddblock={Uri.EscapeDataString(blindDataset)}"
        );
        using var document = System.Text.Json.JsonDocument.Parse(await json.TextAsync());
        Assert.Equal(byDataset, document.RootElement.GetProperty("totaljobs").GetInt64());
    }
}
