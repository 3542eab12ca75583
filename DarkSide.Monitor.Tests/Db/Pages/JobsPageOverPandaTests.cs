using Bunit;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using JobsPage = DarkSide.Monitor.Features.JobList.Jobs;

namespace DarkSide.Monitor.Tests.Db.Pages;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class JobsPageOverPandaTests(SeededPandaFixture fixture) : IAsyncDisposable
{
    private MonitorTestContext? _context;

    private IRenderedComponent<JobsPage> RenderAt(string url, ViewerAccess viewer)
    {
        _context = new MonitorTestContext(viewer);
        _context.AddAuditLog(fixture.Database);
        _context.AddJobPages(fixture.Repository, fixture.CreateErrorSummaryRepository(), fixture.ListOptions);
        return _context.RenderAt<JobsPage>(url);
    }

    [Fact]
    public void JobsAsPandaWritesThem_EveryOneIsARow_WithItsUnsetValuesEmpty()
    {
        var ids = PandaReferenceRows.LiveJobs;
        var page = RenderAt($"/jobs?pandaid={string.Join(",", ids)}&display_limit=1000", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
        {
            Assert.Equal($"{ids.Count} jobs", page.Find("[data-testid=job-total]").TextContent);
            var shown = page.FindAll("[data-testid=job-table] a[data-pandaid]")
                .Select(a => long.Parse(a.GetAttribute("data-pandaid")!));
            Assert.Equal(ids.Order(), shown.Order());
        });
        Assert.Empty(page.FindAll("[data-testid=live-problem]"));
    }

    [Fact]
    public void PrunJobsWithoutInputs_RenderBigPandasCells()
    {
        var ids = $"{PandaReferenceRows.PrunFinished},{PandaReferenceRows.PrunFailed},{PandaReferenceRows.BarePending}";
        var page = RenderAt($"/jobs?pandaid={ids}&sortby=pandaid-ascending", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=job-table] tbody tr.job-row").Count));
        var rows = JobGrid.Rows(page);
        var subrows = JobGrid.SubRows(page);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [JobGrid.PandaId] = "13715",
                [JobGrid.Owner] = "Marco Rossi",
                [JobGrid.Task] = "17",
                [JobGrid.Transformation] = "runGen-00-00-02",
                [JobGrid.Status] = "finished",
                [JobGrid.Created] = "06-15 07:00:00",
                [JobGrid.TimeToStart] = "0:1:00:00",
                [JobGrid.Duration] = "0:1:59:00",
                [JobGrid.Modified] = "06-15 10:00:00",
                [JobGrid.Site] = "CNAF-DS-1",
                [JobGrid.Priority] = "1000",
                [JobGrid.Inputs] = "0 (0)",
                [JobGrid.MaxPss] = "0.77",
                [JobGrid.Info] = "",
            },
            rows[0]
        );
        Assert.Equal("Attempt 1 Job name: user.mrossi.prun_noBuild.20241107/.13715 Datasets: -", subrows[0]);
        // One line per cell: the year and the owner's VO are in tooltips.
        Assert.Equal("2026-06-15 07:00:00", page.Find("td.col-created span").GetAttribute("title"));
        Assert.StartsWith(
            "Marco Rossi / wlcg",
            page.Find("td.col-owner a").GetAttribute("title"),
            StringComparison.Ordinal
        );
        Assert.Equal("exe:1 Non-zero return code from runGen (1)", rows[1][JobGrid.Info]);
        // A job PanDA has not brokered yet: no owner, task-less site, nothing started.
        var pending = rows[2];
        Assert.Equal(
            ["13720", "Unknown", "18", "", "pending", "0:0:00:00", "", "0", "0 (0)", ""],
            new[]
            {
                JobGrid.PandaId,
                JobGrid.Owner,
                JobGrid.Task,
                JobGrid.Transformation,
                JobGrid.Status,
                JobGrid.Duration,
                JobGrid.Site,
                JobGrid.Priority,
                JobGrid.Inputs,
                JobGrid.MaxPss,
            }.Select(c => pending[c])
        );
        Assert.Equal("Attempt 0 Job name: - Datasets: -", subrows[2]);
    }

    [Fact]
    public async Task Jobs_ShowBigPandasColumns_ForTheSelectedJob()
    {
        var job = await fixture.Database.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'finished' AND maxpss IS NOT NULL "
                + "ORDER BY pandaid LIMIT 1"
        );
        var expectedPss = await fixture.Database.ScalarAsync<string>(
            "SELECT to_char(round(maxpss / 1024.0 / 1024.0 / actualcorecount, 2), 'FM990.00') FROM "
                + "doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", job)
        );

        var page = RenderAt($"/jobs?pandaid={job}", SeededPandaFixture.Blind);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1 job", page.Find("[data-testid=job-total]").TextContent);
            var cells = Assert.Single(JobGrid.Rows(page));
            Assert.StartsWith(job.ToString(), cells[JobGrid.PandaId], StringComparison.Ordinal);
            Assert.Equal("finished", cells[JobGrid.Status]);
            Assert.Equal(expectedPss, cells[JobGrid.MaxPss]);
            Assert.Matches(@"^\d+:\d+:\d\d:\d\d$", cells[JobGrid.TimeToStart]);
        });
    }

    [Fact]
    public async Task BlindJob_WithoutAccess_IsMarkedAndItsEventCountHidden()
    {
        var job = await fixture.Database.ScalarAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} AND jobstatus = 'finished' ORDER BY "
                + $"pandaid LIMIT 1"
        );

        var page = RenderAt($"/jobs?pandaid={job}", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("blinded", Assert.Single(JobGrid.Rows(page))[JobGrid.Inputs]);
            Assert.EndsWith(
                "Job name and datasets: blinded",
                page.Find("[data-testid=job-subrow]").TextContent.Trim(),
                StringComparison.Ordinal
            );
            Assert.DoesNotContain("blind:", page.Markup, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Summaries_ShowTheSelectionsCounts_AndLinkEachValueAsAFilter()
    {
        var job = await fixture.Database.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' AND piloterrorcode = 1099 "
                + "ORDER BY pandaid LIMIT 1"
        );

        var page = RenderAt($"/jobs?pandaid={job}", SeededPandaFixture.Blind);

        page.WaitForAssertion(() =>
        {
            var status = page.Find("[data-summary-field=jobstatus] [data-summary-value=failed]");
            Assert.Equal("failed (1)", status.TextContent.Replace('\u00a0', ' ').Trim());
            Assert.Equal($"/jobs?pandaid={job}&jobstatus=failed", status.GetAttribute("href"));
            var error = page.Find("[data-testid=error-summary] tbody tr");
            Assert.StartsWith("pilot:1099", error.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal(
                $"/jobs?pandaid={job}&piloterrorcode=1099&jobstatus=failed",
                error.QuerySelector("a")!.GetAttribute("href")
            );
        });
    }

    [Fact]
    public void RefreshChoice_Paused_StopsTheLiveRefresh_AndLiveRestartsIt()
    {
        var page = RenderAt("/jobs?jobstatus=running", SeededPandaFixture.NotBlind);
        var hub = _context!.Services.GetRequiredService<LiveRefreshHub>();
        page.WaitForAssertion(() =>
            Assert.Matches(@"^updated \d\d:\d\d:\d\d UTC$", page.Find("[data-testid=live-updated]").TextContent)
        );
        Assert.Equal(1, hub.FeedCount);

        page.Find("[data-testid=live-refresh]").Change("off");

        page.WaitForAssertion(() => Assert.Equal(0, hub.FeedCount));
        Assert.Equal("off", page.Find("[data-testid=live-refresh]").GetAttribute("value"));
        page.Find("[data-testid=live-refresh]").Change("live");
        page.WaitForAssertion(() => Assert.Equal(1, hub.FeedCount));
    }

    [Fact]
    public void SummarySortByName_IsValidatedLikeEveryParameter()
    {
        var page = RenderAt("/jobs?summarysort=size", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
            Assert.Contains(
                "'size' is not a summary order; expected count (most frequent first) or name.",
                page.Find("[data-testid=query-errors]").TextContent,
                StringComparison.Ordinal
            )
        );
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
