namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// One job as the job list shows it. Blind-only fields are null when the viewer may not see them
/// (<see cref="IsRedacted"/>); timestamps are UTC.
/// </summary>
public sealed record JobListRow
{
    public required long PandaId { get; init; }
    public required string PandaTable { get; init; }
    public required bool IsBlind { get; init; }
    public required bool IsRedacted { get; init; }
    public long? JediTaskId { get; init; }
    public long? TaskId { get; init; }
    public long? ReqId { get; init; }
    public int AttemptNr { get; init; }
    public int MaxAttempt { get; init; }
    public string? ProdUserName { get; init; }
    public string? ProdUserId { get; init; }
    public string? WorkingGroup { get; init; }
    public string? Vo { get; init; }
    public string? Transformation { get; init; }
    public string? ProdSourceLabel { get; init; }
    public string? ProcessingType { get; init; }
    public required string JobStatus { get; init; }
    public string? JobSubStatus { get; init; }
    public DateTime CreationTime { get; init; }
    public DateTime? StartTime { get; init; }
    public DateTime? EndTime { get; init; }
    public DateTime? StateChangeTime { get; init; }
    public DateTime ModificationTime { get; init; }
    public string? ComputingSite { get; init; }
    public string? Cloud { get; init; }

    /// <summary>
    /// The queue's status in schedconfig_json (online, offline, test, brokeroff, paused), and its comment.
    /// </summary>
    public string? QueueStatus { get; init; }
    public string? QueueComment { get; init; }
    public int CurrentPriority { get; init; }
    public int? CoreCount { get; init; }
    public int? ActualCoreCount { get; init; }
    public long? MaxPss { get; init; }
    public long? AvgPss { get; init; }
    public decimal CpuConsumptionTime { get; init; }
    public long? Hs06Sec { get; init; }
    public string? SpecialHandling { get; init; }
    public string? CommandToPilot { get; init; }
    public int? EventService { get; init; }
    public string? TransExitCode { get; init; }
    public IReadOnlyList<JobError> Errors { get; init; } = [];

    /// <summary>Distinct input files in filestable4, when the job is still within its retention.</summary>
    public int? InputFiles { get; init; }

    /// <summary>
    /// Every PanDA column as read (blind-only ones NULL when redacted), for BigPanDA's JSON; null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Columns { get; init; }

    // Blind-only fields.
    public string? JobName { get; init; }
    public long? NEvents { get; init; }
    public string? ProdDBlock { get; init; }
    public string? DestinationDBlock { get; init; }
}

/// <summary>A non-zero PanDA error code with its diagnostic text (null when redacted).</summary>
public sealed record JobError(string Component, int Code, string? Diagnostic)
{
    public override string ToString() =>
        Diagnostic is null ? $"{Component}:{Code}" : $"{Component}:{Code} {Diagnostic}";
}
