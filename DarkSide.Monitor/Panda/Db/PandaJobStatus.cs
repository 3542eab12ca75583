namespace DarkSide.Monitor.Panda.Db;

/// <summary>PanDA's job states and the table PanDA keeps each one in (docs/panda-data.md, "Job tables and
/// states").</summary>
public static class PandaJobStatus
{
    public const string Failed = "failed";

    public const string Finished = "finished";

    public static readonly IReadOnlyList<string> InJobsDefined4 = ["pending", "defined", "assigned", "waiting"];

    public static readonly IReadOnlyList<string> InJobsActive4 =
    [
        "activated",
        "throttled",
        "sent",
        "starting",
        "running",
        "holding",
        "merging",
        "transferring",
    ];

    /// <summary>The states of a job a worker node has, or is being given; stalled when they do not change.</summary>
    public static readonly IReadOnlyList<string> Working =
    [
        "sent",
        "starting",
        "running",
        "holding",
        "transferring",
        "merging",
    ];

    public static readonly IReadOnlyList<string> Final = ["finished", "failed", "cancelled", "closed"];

    public static readonly IReadOnlyList<string> All = [.. InJobsDefined4, .. InJobsActive4, .. Final];

    /// <summary>PanDA's states in lifecycle order (docs/panda-data.md, "Job tables and states"), working ones first, as
    /// pages list them.</summary>
    public static readonly IReadOnlyList<string> Lifecycle =
    [
        "defined",
        "waiting",
        "activated",
        "sent",
        "starting",
        "running",
        "holding",
        "transferring",
        "merging",
        "finished",
        "failed",
        "cancelled",
        "closed",
    ];

    public static bool IsKnown(string status) => All.Contains(status);

    public static bool IsFinal(string? status) => status is not null && Final.Contains(status);
}

/// <summary>The tables PanDA keeps a job in as it moves through its states (docs/panda-data.md, "Job tables and
/// states").</summary>
public enum PandaJobTable
{
    JobsDefined4,
    JobsActive4,
    JobsArchived4,
}
