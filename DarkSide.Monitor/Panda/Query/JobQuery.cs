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

    /// <summary>
    /// The same query as of a later instant, for a live refresh: a duration window ("last 12 hours") slides with it,
    /// a date range stays where it is.
    /// </summary>
    public JobQuery At(DateTime nowUtc) =>
        this with
        {
            AsOfUtc = nowUtc,
            Window = Window.Duration is { } span ? Window with { FromUtc = nowUtc - span } : Window,
        };

    /// <summary>One job by its PandaID, in all of history (the job page's and the job JSON's lookup).</summary>
    public static JobQuery ForPandaId(long pandaId, DateTime nowUtc) =>
        new(
            nowUtc,
            JobTimeWindow.Deep,
            [new NumberListJobFilter(JobFields.Find(JobFields.PandaId)!, [pandaId])],
            JobSort.Default,
            1,
            1,
            null
        );

    /// <summary>A task's latest jobs in all of history, newest PandaID first (the task page's job panel).</summary>
    public static JobQuery ForTask(long jediTaskId, bool dropRetried, int rows, DateTime nowUtc) =>
        new(
            nowUtc,
            JobTimeWindow.Deep,
            [new NumberListJobFilter(JobFields.Find(JobFields.JediTaskId)!, [jediTaskId])],
            new JobSort(JobSortKey.PandaId, Descending: true),
            1,
            rows,
            null
        )
        {
            DropRetried = dropRetried,
        };

    /// <summary>One site's jobs of the last hours, in the list's default order (a site page's top errors).</summary>
    public static JobQuery ForSite(string computingSite, int hours, int rows, DateTime nowUtc)
    {
        var span = TimeSpan.FromHours(hours);
        var window = new JobTimeWindow(nowUtc - span, null, AppliesToActiveTables: true, IsDeepQuery: false)
        {
            Duration = span,
        };
        var site = new TextPattern([
            [new TextCondition(Negated: false, TextMatch.Equals, computingSite)],
        ]);
        return new(
            nowUtc,
            window,
            [new TextJobFilter(JobFields.Find(JobFields.ComputingSite)!, site)],
            JobSort.Default,
            1,
            rows,
            null
        );
    }

    /// <summary>One site's jobs modified in a fixed range (a site page over date_from/date_to).</summary>
    public static JobQuery ForSite(string computingSite, DateTime fromUtc, DateTime toUtc, int rows) =>
        Between(fromUtc, toUtc, rows) with
        {
            Filters = ForSite(computingSite, 1, rows, toUtc).Filters,
        };

    /// <summary>Every job modified in a fixed range, in the list's default order (the overview's day).</summary>
    public static JobQuery Between(DateTime fromUtc, DateTime toUtc, int rows) =>
        new(toUtc, JobTimeWindow.Between(fromUtc, toUtc), [], JobSort.Default, 1, rows, null);
}

/// <summary>
/// The modificationtime window on jobsarchived4. Active tables are windowed only when <see
/// cref="AppliesToActiveTables"/>;
/// a deep query (an ID filter without an explicit window) has no window at all.
/// </summary>
public sealed record JobTimeWindow(DateTime? FromUtc, DateTime? ToUtc, bool AppliesToActiveTables, bool IsDeepQuery)
{
    /// <summary>hours= or days= (or the default): the window ends now, so it moves on with the clock.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>A fixed range, as date_from/date_to give it; the active tables are windowed by its end.</summary>
    public static JobTimeWindow Between(DateTime fromUtc, DateTime toUtc) =>
        new(fromUtc, toUtc, AppliesToActiveTables: true, IsDeepQuery: false);

    public static JobTimeWindow Deep { get; } = new(null, null, AppliesToActiveTables: false, IsDeepQuery: true);
}

public abstract record JobFilter(JobField Field);

public sealed record TextJobFilter(JobField Field, TextPattern Pattern) : JobFilter(Field);

public sealed record NumberListJobFilter(JobField Field, IReadOnlyList<long> Values) : JobFilter(Field);

public sealed record StatusListJobFilter(JobField Field, IReadOnlyList<string> Statuses) : JobFilter(Field);

public sealed record RangeJobFilter(JobField Field, long Low, long High) : JobFilter(Field);

/// <summary>
/// A text filter resolved to the exact values it matches among those PanDA's job tables hold (e.g. "*rossi*" to
/// "Alessandra Rossi"), so the column's index can read it; <see cref="Pattern"/> is what the URL said.
/// </summary>
public sealed record ResolvedTextJobFilter(JobField Field, TextPattern Pattern, IReadOnlyList<string> Values)
    : JobFilter(Field);

/// <summary>BigPanDA's errormessage: an exact diagnostic text for the error components named in the same URL.</summary>
public sealed record ErrorMessageJobFilter(JobField Field, IReadOnlyList<ErrorField> Components, string Message)
    : JobFilter(Field);
