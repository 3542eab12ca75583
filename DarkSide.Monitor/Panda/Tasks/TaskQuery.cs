using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.Tasks;

/// <summary>
/// The task list's filterable attributes (docs/bigpanda-compatibility.md, "Task list"): the whitelist of jedi_tasks
/// columns.
/// </summary>
public static class TaskFields
{
    public static readonly IReadOnlyList<JobField> All =
    [
        new("jeditaskid", "jeditaskid", JobFieldKind.NumberList, LiftsTimeWindow: true),
        new("status", "status", JobFieldKind.WordList),
        new("username", "username", JobFieldKind.TextContains),
        new("taskname", "taskname", JobFieldKind.Text, BlindOnly: true),
        new("tasktype", "tasktype", JobFieldKind.Text),
        new("processingtype", "processingtype", JobFieldKind.Text),
        new("workinggroup", "workinggroup", JobFieldKind.Text),
        new("prodsourcelabel", "prodsourcelabel", JobFieldKind.Text, CaseSensitive: true),
        new("campaign", "campaign", JobFieldKind.TextContains),
        new("reqid", "reqid", JobFieldKind.NumberList),
        new("corecount", "corecount", JobFieldKind.NumberList),
        new("parent_tid", "parent_tid", JobFieldKind.NumberList, LiftsTimeWindow: true),
    ];

    /// <summary>The task attribute summary: parameter, column, label.</summary>
    public static readonly IReadOnlyList<(string Parameter, string Column, string Label)> Summary =
    [
        ("status", "status", "Status"),
        ("username", "username", "User"),
        ("tasktype", "tasktype", "Type"),
        ("processingtype", "processingtype", "Processing type"),
        ("workinggroup", "workinggroup", "Working group"),
        ("corecount", "corecount", "Cores"),
        ("campaign", "campaign", "Campaign"),
    ];

    public static JobField? Find(string parameter) =>
        All.FirstOrDefault(f => string.Equals(f.Parameter, parameter, StringComparison.OrdinalIgnoreCase));
}

public enum TaskSortKey
{
    JediTaskId,
    Time,
    Create,
    Priority,
    Status,
}

/// <summary>
/// A parsed task-list request. The window is on realmodificationtime (JEDI back-dates modificationtime).
/// </summary>
public sealed record TaskQuery(
    DateTime AsOfUtc,
    DateTime? FromUtc,
    IReadOnlyList<JobFilter> Filters,
    TaskSortKey Sort,
    bool Descending,
    int Page,
    int DisplayLimit
)
{
    public int Offset => (Page - 1) * DisplayLimit;

    /// <summary>The end of a date_from/date_to range (excluded); such a window does not move.</summary>
    public DateTime? ToUtc { get; init; }

    /// <summary>hours= or days= back from now: moves with every refresh.</summary>
    public bool IsRolling => FromUtc is not null && ToUtc is null && !IsRange;

    /// <summary>The URL named date_from (or date_to): a fixed range.</summary>
    public bool IsRange { get; init; }

    /// <summary>The same query as of a later instant, for a live refresh: "the last N days" moves with it.</summary>
    public TaskQuery At(DateTime nowUtc) =>
        this with
        {
            AsOfUtc = nowUtc,
            FromUtc = FromUtc is { } from && IsRolling ? from + (nowUtc - AsOfUtc) : FromUtc,
        };
}
