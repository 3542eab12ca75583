using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Tests.Unit.Model;

[Trait("Kind", "Unit")]
public sealed class JobsViewModelTests
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;

    private static JobListRow Job(long id, string status, int minutesAgo) =>
        new()
        {
            PandaId = id,
            PandaTable = "jobsactive4",
            IsBlind = false,
            IsRedacted = false,
            JobStatus = status,
            CreationTime = Now.AddHours(-1),
            ModificationTime = Now.AddMinutes(-minutesAgo),
        };

    private static LiveState<JobListSnapshot> State(JobsViewModel model, long version, params JobListRow[] jobs) =>
        new(
            new JobListSnapshot(model.Query!, new JobListPage(jobs, new JobCount(jobs.Length, false, null), Now), null),
            Now.AddSeconds(version),
            null,
            version
        );

    [Fact]
    public void Refresh_MarksNewAndChangedJobs_NotTheFirstLoad()
    {
        var model = new JobsViewModel(new(new JobListOptions()), new FixedTime());
        model.SetLocation("http://monitor/jobs?computingsite=CNAF-DS-1");
        Assert.True(model.IsLoading);

        model.Apply(State(model, 1, Job(1, "running", 5), Job(2, "running", 5)));
        Assert.Empty(model.ChangedPandaIds);
        Assert.Equal(2, model.Result!.Jobs.Count);
        Assert.False(model.IsLoading);

        model.Apply(State(model, 2, Job(3, "defined", 0), Job(1, "holding", 0), Job(2, "running", 5)));

        Assert.Equal([1L, 3L], model.ChangedPandaIds.Order());
        Assert.Equal("updated 12:00:02 UTC", model.UpdatedText);
    }

    [Fact]
    public void SortingTheErrorCodes_KeepsTheJobsShown_WhileAnotherFilterReadsAgain()
    {
        var model = new JobsViewModel(new(new JobListOptions()), new FixedTime());
        model.SetLocation("http://monitor/jobs?computingsite=CNAF-DS-1");
        model.Apply(State(model, 1, Job(1, "running", 5)));

        model.SetLocation("http://monitor/jobs?computingsite=CNAF-DS-1&codes_sortby=error-asc");

        Assert.False(model.IsLoading);
        Assert.Single(model.Result!.Jobs);
        Assert.Equal("error-asc", model.CodeOrder.Sort.ToString());

        model.SetLocation("http://monitor/jobs?computingsite=CNAF-DS-2&codes_sortby=error-asc");

        Assert.True(model.IsLoading);
    }

    [Fact]
    public void ChangeMarks_LastAFewRefreshes_ThenFade()
    {
        var model = new JobsViewModel(new(new JobListOptions()), new FixedTime());
        model.SetLocation("http://monitor/jobs");
        model.Apply(State(model, 1, Job(1, "running", 5)));
        model.Apply(State(model, 2, Job(1, "holding", 0)));

        model.Apply(State(model, 5, Job(1, "holding", 0)));
        Assert.Equal([1L], model.ChangedPandaIds);
        model.Apply(State(model, 12, Job(1, "holding", 0)));
        Assert.Empty(model.ChangedPandaIds);
    }

    [Fact]
    public void NewUrl_StartsLoading_AndForgetsTheOldChanges()
    {
        var model = new JobsViewModel(new(new JobListOptions()), new FixedTime());
        model.SetLocation("http://monitor/jobs");
        model.Apply(State(model, 1, Job(1, "running", 5)));
        model.Apply(State(model, 2, Job(2, "running", 0)));

        model.SetLocation("http://monitor/jobs?jobstatus=failed");

        Assert.True(model.IsLoading);
        Assert.Empty(model.ChangedPandaIds);
        Assert.Equal(
            "/jobs?jobstatus=failed&sortby=priority-descending",
            model.SortUrl(DarkSide.Monitor.Panda.Query.JobSortKey.Priority)
        );
        Assert.Equal("↓", model.SortMark(DarkSide.Monitor.Panda.Query.JobSortKey.Time));
    }

    [Fact]
    public void Problem_KeepsTheLastGoodPage()
    {
        var model = new JobsViewModel(new(new JobListOptions()), new FixedTime());
        model.SetLocation("http://monitor/jobs");
        var good = State(model, 1, Job(1, "running", 5));
        model.Apply(good);

        model.Apply(good with { Problem = "The PanDA database cannot be reached.", Version = 2 });

        Assert.Equal("The PanDA database cannot be reached.", model.Problem);
        Assert.Single(model.Result!.Jobs);
    }
}
