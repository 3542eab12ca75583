using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Panda.Tasks;

/// <summary>
/// One task as the task list shows it, with its progress over its primary inputs. The name is null for a blind
/// task when the viewer has no blind access (<see cref="IsRedacted"/>).
/// </summary>
public sealed record TaskRow
{
    public required long JediTaskId { get; init; }
    public string? TaskName { get; init; }
    public required string Status { get; init; }
    public string? UserName { get; init; }
    public string? TaskType { get; init; }
    public string? ProcessingType { get; init; }
    public string? WorkingGroup { get; init; }
    public string? Campaign { get; init; }
    public DateTime CreationDate { get; init; }
    public DateTime? ModifiedUtc { get; init; }
    public int? Priority { get; init; }
    public int? CoreCount { get; init; }
    public int? AttemptNr { get; init; }
    public long? ParentTid { get; init; }
    public bool IsBlind { get; init; }
    public bool IsRedacted { get; init; }
    public TaskProgress Progress { get; init; } = new(0, 0, 0, 0);
}

/// <summary>
/// Files of the primary inputs (input and pseudo_input datasets without a master) and their events; the events are
/// null for a blind task shown to a viewer without blind access.
/// </summary>
public sealed record TaskProgress(long Files, long Finished, long Failed, long? Events)
{
    public double? FinishedPercent => Files == 0 ? null : 100.0 * Finished / Files;

    public double? FailedPercent => Files == 0 ? null : 100.0 * Failed / Files;
}

public sealed record TaskListPage(
    IReadOnlyList<TaskRow> Tasks,
    long Total,
    IReadOnlyList<JobAttributeCounts> Summary,
    DateTime QueriedAtUtc
);

/// <summary>One dataset of a task (jedi_datasets), name null when redacted.</summary>
public sealed record TaskDataset(
    long DatasetId,
    string? Name,
    string Type,
    string? Status,
    long Files,
    long Finished,
    long Failed,
    long? Events,
    string? Stream
)
{
    public double? FinishedPercent => Files == 0 ? null : 100.0 * Finished / Files;
}

/// <summary>
/// The task page: the task, its datasets, and its jobs' states and errors (drop mode or every attempt).
/// </summary>
public sealed record TaskDetail(
    TaskRow Task,
    IReadOnlyList<TaskDataset> Datasets,
    JobSelectionSummary Jobs,
    JobListPage LatestJobs,
    bool DropRetried,
    DateTime QueriedAtUtc
)
{
    /// <summary>The task's retries: failed attempts and what replaced them.</summary>
    public TaskRetries Retries { get; init; } = TaskRetries.None;
}
