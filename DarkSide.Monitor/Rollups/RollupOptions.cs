namespace DarkSide.Monitor.Rollups;

/// <summary>
/// The usage rollups: how often the aggregator runs, how far back it re-reads, and how much history it builds.
/// </summary>
public sealed class RollupOptions
{
    public const string SectionName = "Rollups";

    /// <summary>
    /// Run the aggregator in this process (off for a second web instance when one already aggregates).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between the end of one aggregation and the start of the next.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Each run recomputes the hours from this many minutes before the watermark, to catch late updates.
    /// </summary>
    public int OverlapMinutes { get; set; } = 120;

    /// <summary>The first start aggregates this many days of jobsarchived4 (PanDA keeps 365 there).</summary>
    public int BackfillDays { get; set; } = 365;

    /// <summary>
    /// Readiness reports "Degraded" when the rollups' watermark is older than this (0: not checked).
    /// </summary>
    public int StaleAfterMinutes { get; set; } = 30;
}
