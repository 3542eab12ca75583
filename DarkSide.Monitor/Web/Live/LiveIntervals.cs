namespace DarkSide.Monitor.Web.Live;

/// <summary>The views that refresh themselves, each with the slowest-changing data it shows.</summary>
public enum LiveView
{
    JobList,
    Job,
    Errors,
    Overview,
    Tasks,

    /// <summary>The job list's attribute and error summaries, which read the whole selection.</summary>
    JobSummaries,
}

/// <summary>
/// How often each live view re-reads PanDA: JobList:RefreshSeconds, but never more often than the view's floor. The
/// floors are in one place because they trade freshness against database time: the error summaries aggregate a whole
/// window (30 s), a task or job page changes slowly (15 s), the overview counts every state (10 s), and the job
/// list's summaries, ~90 % of a refresh's database time, are read again at most every 30 s while its rows refresh.
/// </summary>
public static class LiveIntervals
{
    private static readonly Dictionary<LiveView, int> FloorSeconds = new()
    {
        [LiveView.JobList] = 1,
        [LiveView.Job] = 15,
        [LiveView.Errors] = 30,
        [LiveView.Overview] = 10,
        [LiveView.Tasks] = 15,
        [LiveView.JobSummaries] = 30,
    };

    public static TimeSpan For(LiveView view, int refreshSeconds) =>
        TimeSpan.FromSeconds(Math.Max(FloorSeconds[view], refreshSeconds));
}
