namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>One page of a job list with the size of the whole selection.</summary>
public sealed record JobListPage(IReadOnlyList<JobListRow> Jobs, JobCount Total, DateTime QueriedAtUtc)
{
    /// <summary>What the selection leaves out because an optional PanDA table does not exist.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}

/// <summary>How many jobs match: counted exactly, or the planner's estimate when counting would be too slow.</summary>
public sealed record JobCount(long Value, bool IsEstimate, long? LimitedTo)
{
    /// <summary>
    /// The count stopped at <see cref="Value"/>: there are this many or more. Used instead of the planner's estimate
    /// when the estimate would count blind jobs the viewer may not know about.
    /// </summary>
    public bool AtLeast { get; init; }

    /// <summary>The number of jobs the list can page through (the count, capped by limit=).</summary>
    public long Pageable => LimitedTo is { } limit ? Math.Min(limit, Value) : Value;
}
