using Bunit;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using TaskPage = DarkSide.Monitor.Features.Tasks.TaskPage;
using TasksPage = DarkSide.Monitor.Features.Tasks.Tasks;

namespace DarkSide.Monitor.Tests.Components;

/// <summary>The task list and task page over a fake reader: their query, their links, their refusals.</summary>
[Trait("Kind", "Component")]
public sealed class TaskPagesTests : IAsyncDisposable
{
    private readonly FakeTaskReader _tasks = new();
    private MonitorTestContext? _context;

    private IRenderedComponent<T> RenderAt<T>(string url)
        where T : IComponent
    {
        _context = new MonitorTestContext(SeededPandaFixture.NotBlind);
        _context.AddRecordingAudit();
        _context.AddTaskPages(_tasks);
        return _context.RenderAt<T>(url);
    }

    /// <summary>A task JEDI has registered and nothing more: no name, user, datasets or jobs yet.</summary>
    private static TaskDetail Registered(
        long jediTaskId,
        bool dropRetried,
        params (string State, long Jobs)[] states
    ) =>
        new(
            new TaskRow { JediTaskId = jediTaskId, Status = "registered" },
            [],
            new JobSelectionSummary(
                [
                    new JobAttributeCounts(
                        "jobstatus",
                        "Status",
                        states.Select(s => new JobAttributeValue(s.State, s.Jobs)).ToList()
                    ),
                ],
                []
            ),
            FakeRows.Page(),
            dropRetried,
            FakeRows.Now
        );

    [Fact]
    public void TheTaskList_AsksForTheUrlsWindow()
    {
        var page = RenderAt<TasksPage>("/tasks?days=3&status=running");

        page.WaitForAssertion(() => Assert.NotEmpty(_tasks.Asked));
        var query = _tasks.Asked.First();
        Assert.Equal(FakeRows.Now.AddDays(-3), query.FromUtc);
        Assert.Equal("status", Assert.Single(query.Filters).Field.Parameter);
    }

    [Fact]
    public void ATasksStates_LinkToItsJobsInItsMode_AndTheModeSwitches()
    {
        _tasks.Tasks[42] = Registered(42, dropRetried: true, ("failed", 3), ("finished", 9));

        var page = RenderAt<TaskPage>("/task/42");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-state-count=failed]")));
        Assert.Equal("/jobs?jeditaskid=42&mode=drop", page.Find("[data-state-count=all]").GetAttribute("href"));
        Assert.Equal(
            "/jobs?jeditaskid=42&jobstatus=failed&mode=drop",
            page.Find("[data-state-count=failed]").GetAttribute("href")
        );
        Assert.Equal("/task/42?mode=nodrop", page.Find("[data-testid=task-mode-switch]").GetAttribute("href"));
    }

    [Theory]
    [InlineData(
        "/task/abc",
        "task-error",
        "'abc' is not a task ID; expected a whole number (jeditaskid), e.g. /task/30001234."
    )]
    [InlineData("/task/999999999999", "task-not-found", "PanDA has no task 999999999999.")]
    [InlineData("/task/42?mode=all", "task-error", "mode 'all' is not a retry mode; expected drop")]
    public void BadOrUnknownTask_SaysSo(string url, string testId, string message)
    {
        var page = RenderAt<TaskPage>(url);

        page.WaitForAssertion(() =>
            Assert.StartsWith(
                message,
                page.Find($"[data-testid={testId}]").TextContent.Trim(),
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
