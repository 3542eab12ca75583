using DarkSide.Monitor.Rollups;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// Usage of a set of jobs. Events and bytes leave out blind jobs for a viewer without blind access
/// (<see cref="UsageReport.BlindEventsExcluded"/>); everything else counts every job, blind or not.
/// </summary>
public sealed record UsageTotals(
    long Jobs,
    long Finished,
    long Failed,
    decimal CoreSeconds,
    decimal CpuSeconds,
    decimal Hs06Sec,
    decimal FailedCoreSeconds,
    decimal Events,
    decimal InputBytes,
    decimal OutputBytes
)
{
    public static readonly UsageTotals Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public decimal CoreHours => CoreSeconds / 3600m;

    public decimal Hs06Hours => Hs06Sec / 3600m;

    public decimal FailedCoreHours => FailedCoreSeconds / 3600m;

    public decimal InputGb => InputBytes / 1e9m;

    public decimal OutputGb => OutputBytes / 1e9m;

    /// <summary>CPU time over wall time × cores, in percent (docs/panda-data.md, "Units"); null without wall
    /// time.</summary>
    public double? EfficiencyPercent => CoreSeconds == 0 ? null : (double)(100m * CpuSeconds / CoreSeconds);

    /// <summary>failed / (finished + failed) in percent, as BigPanDA's pctfail.</summary>
    public double? FailurePercent => Finished + Failed == 0 ? null : 100.0 * Failed / (Finished + Failed);

    /// <summary>The value of a /usage sort key or chart metric.</summary>
    public double? Value(string key) =>
        key switch
        {
            "jobs" => Jobs,
            "corehours" => (double)CoreHours,
            "hs06hours" => (double)Hs06Hours,
            "efficiency" => EfficiencyPercent,
            "failurerate" => FailurePercent,
            "failedcorehours" => (double)FailedCoreHours,
            "events" => (double)Events,
            "datain" => (double)InputGb,
            "dataout" => (double)OutputGb,
            _ => null,
        };
}

/// <summary>One site on one UTC day.</summary>
public sealed record UsageDay(DateTime Day, string ComputingSite, UsageTotals Totals);

/// <summary>One row of a /usage table: a site, user, working group, transformation or activity.</summary>
public sealed record UsageGroup(string Value, UsageTotals Totals);

public sealed record UsageReport(
    UsageWindow Window,
    IReadOnlyList<UsageDay> Days,
    IReadOnlyDictionary<string, IReadOnlyList<UsageGroup>> Tables,
    UsageTotals Total,
    UsageRollupStatus? Status,
    bool BlindEventsExcluded
);

/// <summary>
/// A PanDA queue on /sites: its schedconfig attributes, what runs there now, and what ended in the window.
/// </summary>
public sealed record SiteRow(
    string ComputingSite,
    string? Status,
    string? Cloud,
    int? CoreCount,
    double? CorePower,
    long? MaxRssMb,
    long? MaxTimeSeconds,
    long RunningJobs,
    long RunningCores,
    long QueuedJobs,
    UsageTotals Window
);

public sealed record SitesReport(SiteWindow Window, IReadOnlyList<SiteRow> Sites, UsageRollupStatus? Status);

/// <summary>One clock hour at a site: jobs that ended in it, and the cores its jobs kept busy on average.</summary>
public sealed record SiteHour(DateTime Hour, long Finished, long Failed, long OtherEnded, double RunningCores);

public sealed record SiteReport(
    SiteWindow Window,
    SiteRow? Site,
    IReadOnlyList<SiteHour> Hours,
    UsageRollupStatus? Status
);

/// <summary>
/// The PSS-per-core distribution of one transformation or site, with the mean memory it requested per core.
/// </summary>
public sealed record PssHistogram(
    string Group,
    IReadOnlyList<long> Buckets,
    double? MeanRequestGb,
    double? MaxGb,
    long OverRequest
)
{
    /// <summary>The exact PSS per core of the jobs in the top bucket (6 GB and more), ascending.</summary>
    public IReadOnlyList<double> TailGb { get; init; } = [];

    public long Jobs => Buckets.Sum();

    public double? P50Gb => UsageBuckets.PssQuantileGb(Buckets, 0.5, TailGb);

    public double? P95Gb => UsageBuckets.PssQuantileGb(Buckets, 0.95, TailGb);
}

/// <summary>
/// PSS per core on one UTC day: the median and p95 from the rollup's buckets and tail, the exact maximum.
/// </summary>
public sealed record PssDay(DateTime Day, long Jobs, double? P50Gb, double? P95Gb, double? MaxGb);

/// <summary>A job whose max PSS per core exceeded the memory per core it requested.</summary>
public sealed record OverRequestJob(
    long PandaId,
    DateTime ModificationTime,
    long? JediTaskId,
    string ComputingSite,
    string Transformation,
    string JobStatus,
    int Cores,
    double PssPerCoreGb,
    double RequestPerCoreGb
)
{
    public double Ratio => RequestPerCoreGb == 0 ? 0 : PssPerCoreGb / RequestPerCoreGb;
}

/// <summary>A task whose jobs' PSS grew faster than the leak threshold (prmon's memory_leak, kB/s).</summary>
public sealed record LeakSuspectTask(
    long JediTaskId,
    long Jobs,
    double MeanLeakKbPerSecond,
    long MaxLeakKbPerSecond,
    string Transformation,
    string Sites
);

public sealed record MemoryReport(
    UsageWindow Window,
    UsageDimension By,
    IReadOnlyList<PssHistogram> Histograms,
    IReadOnlyList<PssDay> Days,
    IReadOnlyList<OverRequestJob> OverRequest,
    long OverRequestTotal,
    IReadOnlyList<LeakSuspectTask> LeakSuspects,
    UsageRollupStatus? Status
);
