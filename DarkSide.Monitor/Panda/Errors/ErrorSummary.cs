using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Panda.Errors;

/// <summary>
/// The error view of a selection (docs/bigpanda-compatibility.md, "Error view"): by code, by site, user and task, and
/// over time.
/// </summary>
public sealed record ErrorSummary(
    IReadOnlyList<JobErrorCount> ByCode,
    IReadOnlyList<ErrorGroup> BySite,
    IReadOnlyList<ErrorGroup> ByUser,
    IReadOnlyList<ErrorGroup> ByTask,
    ErrorHistogram Histogram
);

/// <summary>
/// One site, user or task: its failed, finished and holding jobs among all of its jobs in the window.
/// </summary>
public sealed record ErrorGroup(string? Value, long Failed, long Finished, long Holding, long Jobs)
{
    /// <summary>failed / (finished + failed) in percent, as BigPanDA's pctfail; null without final jobs.</summary>
    public double? FailurePercent => Failed + Finished == 0 ? null : 100.0 * Failed / (Failed + Finished);
}

/// <summary>Error counts per time bin, one series per component:code (the rarest folded into "other").</summary>
public sealed record ErrorHistogram(TimeSpan Bin, IReadOnlyList<DateTime> Bins, IReadOnlyList<ErrorSeries> Series);

public sealed record ErrorSeries(string Key, IReadOnlyList<long> Counts)
{
    public long Total => Counts.Sum();
}
