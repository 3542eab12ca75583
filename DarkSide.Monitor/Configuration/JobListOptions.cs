namespace DarkSide.Monitor.Configuration;

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
}
