using Bunit;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using TaskPage = DarkSide.Monitor.Features.Tasks.TaskPage;
using TasksPage = DarkSide.Monitor.Features.Tasks.Tasks;

namespace DarkSide.Monitor.Tests.Db.Pages;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class TaskPagesOverPandaTests(SeededPandaFixture fixture) : IAsyncDisposable
{
    private MonitorTestContext? _context;

    private IRenderedComponent<T> RenderAt<T>(string url, ViewerAccess viewer)
        where T : IComponent
    {
        _context = new MonitorTestContext(viewer);
        _context.AddAuditLog(fixture.Database);
        _context.AddTaskPages(fixture.CreateTaskRepository(), fixture.ListOptions);
        return _context.RenderAt<T>(url);
    }

    [Fact]
    public async Task TaskList_ShowsEachTask_WithItsProgress_AndLinksUsersAsFilters()
    {
        var task = await fixture.Database.ScalarAsync<long>(
            "SELECT max(jeditaskid) FROM doma_panda.jedi_tasks WHERE status = 'done' "
                + "AND jeditaskid IN (SELECT jeditaskid FROM doma_panda.jedi_datasets WHERE type IN ('input', "
                + "'pseudo_input'))"
        );
        var user = await fixture.Database.ScalarAsync<string>(
            "SELECT username FROM doma_panda.jedi_tasks WHERE jeditaskid = @t",
            ("t", task)
        );

        var page = RenderAt<TasksPage>($"/tasks?jeditaskid={task}", SeededPandaFixture.Blind);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1 task", page.Find("[data-testid=task-total]").TextContent);
            var row = page.Find($"tr[data-task='{task}']");
            Assert.Equal($"/task/{task}", row.QuerySelector("a")!.GetAttribute("href"));
            Assert.Equal("done", row.QuerySelector(".taskstatus")!.TextContent);
            Assert.EndsWith(
                "100%, 0%",
                row.QuerySelector("[data-testid=task-progress]")!.TextContent.Trim(),
                StringComparison.Ordinal
            );
            Assert.Equal(
                $"/tasks?jeditaskid={task}&username={Uri.EscapeDataString(user)}",
                row.QuerySelector(".task-facts a")!.GetAttribute("href")
            );
        });
    }

    [Fact]
    public void TaskList_ShowsOnlyTheFactsATaskHas_WithoutStraySeparators()
    {
        var page = RenderAt<TasksPage>(
            $"/tasks?jeditaskid={PandaReferenceRows.PrunTaskId}",
            SeededPandaFixture.NotBlind
        );

        page.WaitForAssertion(() =>
            Assert.Equal(
                "anal · Marco Rossi",
                string.Join(
                    ' ',
                    page.Find(".task-facts")
                        .TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
                )
            )
        );
    }

    [Fact]
    public async Task BlindTaskPage_SeenUnredacted_IsAuditedOnce_WithTheSubject()
    {
        var task = await fixture.Database.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_datasets WHERE datasetname LIKE 'blind:%' ORDER BY 1 DESC LIMIT 1"
        );
        var analyst = SeededPandaFixture.Blind with { Subject = "5b9a7c2e-analyst" };
        var before = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM darkside_monitor.audit_events WHERE action = 'blind-view' AND target = @t",
            ("t", $"/task/{task}")
        );

        var page = RenderAt<TaskPage>($"/task/{task}", analyst);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=task-facts]")));

        // The audit row is written beside the render: wait for it, up to the page's wait timeout.
        List<string> rows = [];
        for (
            var waited = TimeSpan.Zero;
            waited < MonitorTestContext.DefaultWaitTimeout;
            waited += TimeSpan.FromMilliseconds(50)
        )
        {
            rows = await fixture.Database.ColumnAsync<string>(
                "SELECT user_name || '|' || subject FROM darkside_monitor.audit_events "
                    + "WHERE action = 'blind-view' AND target = @t",
                ("t", $"/task/{task}")
            );
            if (rows.Count > before)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal(before + 1, rows.Count);
        Assert.Equal($"{analyst.Name}|5b9a7c2e-analyst", rows[^1]);
    }

    [Theory]
    [InlineData(PandaReferenceRows.PrunTaskId)]
    [InlineData(PandaReferenceRows.BareTaskId)]
    public void TaskWithoutDatasetsOrAttempt_ShowsEmptyProgressAndNoAttemptNumber(long task)
    {
        var page = RenderAt<TaskPage>($"/task/{task}", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
        {
            var facts = page.FindAll("[data-testid=task-facts] span").Select(s => s.TextContent).ToList();
            Assert.Equal("—", facts[facts.IndexOf("Attempt") + 1]);
            Assert.Equal("0 — finished 0 (—), failed 0 (—)", page.Find("[data-testid=task-files]").TextContent);
        });
    }

    [Fact]
    public async Task TaskPage_LinksEachStateToItsJobs_InDropMode_AndSwitchesToEveryAttempt()
    {
        var task = await fixture.Database.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_job_retry_history GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );

        var page = RenderAt<TaskPage>($"/task/{task}", SeededPandaFixture.Blind);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("latest attempts only (drop mode) ·", page.Find("[data-testid=task-mode]").TextContent.Trim());
            Assert.Equal(
                $"/jobs?jeditaskid={task}&mode=drop",
                page.Find("[data-state-count=all]").GetAttribute("href")
            );
            var state = page.Find("[data-state-count]:not([data-state-count=all])");
            Assert.Equal(
                $"/jobs?jeditaskid={task}&jobstatus={state.GetAttribute("data-state-count")}&mode=drop",
                state.GetAttribute("href")
            );
            Assert.Equal($"/task/{task}?mode=nodrop", page.Find("[data-testid=task-mode-switch]").GetAttribute("href"));
            Assert.NotEmpty(page.FindAll("[data-testid=task-datasets] tbody tr"));
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
