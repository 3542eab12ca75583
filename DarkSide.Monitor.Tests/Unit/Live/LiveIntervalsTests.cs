using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Tests.Unit.Live;

[Trait("Kind", "Unit")]
public sealed class LiveIntervalsTests
{
    [Theory]
    [InlineData(LiveView.JobList, 5, 5)]
    [InlineData(LiveView.Errors, 5, 30)]
    [InlineData(LiveView.Errors, 60, 60)]
    [InlineData(LiveView.Job, 5, 15)]
    [InlineData(LiveView.Overview, 5, 10)]
    [InlineData(LiveView.Tasks, 20, 20)]
    [InlineData(LiveView.JobSummaries, 5, 30)]
    public void EachView_RefreshesAtTheConfiguredInterval_ButNoFasterThanItsFloor(
        LiveView view,
        int seconds,
        int expected
    )
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), LiveIntervals.For(view, seconds));
    }
}
