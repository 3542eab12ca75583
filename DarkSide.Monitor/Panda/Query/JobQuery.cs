namespace DarkSide.Monitor.Panda.Query;

/// <summary>
/// A parsed, validated job-list request: what to match, over which window, in which order, which page.
/// <see cref="AsOfUtc"/> is the "now" that the window and running jobs' durations are measured from.
/// </summary>
public sealed record JobQuery(
    DateTime AsOfUtc,
    JobTimeWindow Window,
    IReadOnlyList<JobFilter> Filters,
    JobSort Sort,
    int Page,
    int DisplayLimit,
    long? Limit
)
{
    public int Offset => (Page - 1) * DisplayLimit;

    /// <summary>summarysort=name: the attribute summary lists values by name instead of most frequent first.</summary>
    public bool SummaryByName { get; init; }

    /// <summary>BigPanDA's drop mode: jobs that PanDA retried (a later attempt exists) are left out.</summary>
    public bool DropRetried { get; init; }

    /// <summary>One job by its PandaID, in all of history (the job page's and the job JSON's lookup).</summary>
    public static JobQuery ForPandaId(long pandaId, DateTime nowUtc) =>
        new(
            nowUtc,
            JobTimeWindow.Deep,
            [new NumberListJobFilter(JobFields.Find("pandaid")!, [pandaId])],
            JobSort.Default,
            1,
            1,
            null
        );
}

/// <summary>
/// The modificationtime window on jobsarchived4. Active tables are windowed only when <see
/// cref="AppliesToActiveTables"/>;
/// a deep query (an ID filter without an explicit window) has no window at all.
/// </summary>
public sealed record JobTimeWindow(DateTime? FromUtc, DateTime? ToUtc, bool AppliesToActiveTables, bool IsDeepQuery)
{
    public static JobTimeWindow Deep { get; } = new(null, null, AppliesToActiveTables: false, IsDeepQuery: true);
}

public abstract record JobFilter(JobField Field);

public sealed record TextJobFilter(JobField Field, TextPattern Pattern) : JobFilter(Field);

public sealed record NumberListJobFilter(JobField Field, IReadOnlyList<long> Values) : JobFilter(Field);

public sealed record StatusListJobFilter(JobField Field, IReadOnlyList<string> Statuses) : JobFilter(Field);

public sealed record RangeJobFilter(JobField Field, long Low, long High) : JobFilter(Field);

/// <summary>BigPanDA's errormessage: an exact diagnostic text for the error components named in the same URL.</summary>
public sealed record ErrorMessageJobFilter(JobField Field, IReadOnlyList<ErrorField> Components, string Message)
    : JobFilter(Field);

/// <summary>One problem with one URL parameter, worded for the person who typed it.</summary>
public sealed record JobQueryError(string Parameter, string Message)
{
    public override string ToString() => $"{Parameter}: {Message}";
}
