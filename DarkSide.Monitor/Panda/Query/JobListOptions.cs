namespace DarkSide.Monitor.Panda.Query;

/// <summary>Limits of the job list. Defaults follow BigPanDA on panda-doma (a 7-day window, 100 rows a page).</summary>
public sealed class JobListOptions
{
    public const string SectionName = "JobList";

    public int DefaultHours { get; set; } = 168;

    public int DefaultDisplayLimit { get; set; } = 100;

    public int MaxDisplayLimit { get; set; } = 1000;

    /// <summary>Above this planner estimate the total is shown as an estimate instead of counted.</summary>
    public long ExactCountThreshold { get; set; } = 300_000;

    /// <summary>An exact count that takes longer than this falls back to the planner's estimate.</summary>
    public int ExactCountTimeoutMs { get; set; } = 3000;

    /// <summary>
    /// The error view's window when the URL gives none (BigPanDA uses 6 h; DarkSide's shifts review a day).
    /// </summary>
    public int ErrorsDefaultHours { get; set; } = 24;

    /// <summary>The overview lists working jobs whose state has not changed for this many hours as stalled.</summary>
    public int StalledHours { get; set; } = 6;

    /// <summary>Seconds between the end of one live refresh of a job list and the start of the next.</summary>
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>The most jobs one CSV or JSON export returns; a larger selection is cut here and says so.</summary>
    public int ExportLimit { get; set; } = 100_000;
}
