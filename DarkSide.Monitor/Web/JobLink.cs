using System.Globalization;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web;

/// <summary>
/// A job selection built from typed values, written as a job-list or error-view link by <see cref="MonitorUrls"/>.
/// Unset values stay out of the URL. Parameters come in a fixed order (kept ones, window, filters, site, user, task,
/// error, status, mode), so equal selections give equal links and bookmarks stay stable.
/// </summary>
public sealed record JobLink
{
    /// <summary>The page's own parameters carried along; any set here replace theirs, and paging restarts.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Keeping { get; init; } = [];

    public LinkWindow? Window { get; init; }

    /// <summary>Filters named by a field the caller holds (a summary's or a rollup's dimension), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Filters { get; init; } = [];

    /// <summary>A PanDA queue; null in PanDA's own row is linked as <see cref="TextPattern.NotSpecified"/>.</summary>
    public string? ComputingSite { get; init; }

    public string? ProdUserName { get; init; }

    public long? JediTaskId { get; init; }

    /// <summary>Jobs with this code in this error component's column (e.g. piloterrorcode 1099).</summary>
    public (string CodeColumn, int Code)? Error { get; init; }

    /// <summary>One PanDA job status, or several joined by '|'.</summary>
    public string? JobStatus { get; init; }

    /// <summary>BigPanDA's mode: true drops retried jobs (mode=drop), false keeps them (mode=nodrop).</summary>
    public bool? DropRetried { get; init; }

    /// <summary>A value of PanDA's that may be NULL, as the job list's filter grammar spells "unset".</summary>
    public static string Value(string? pandaValue) => pandaValue ?? TextPattern.NotSpecified;

    internal IEnumerable<KeyValuePair<string, string>> Parameters()
    {
        var set = Own().ToList();
        var replaced = set.Select(p => p.Key)
            .Concat(Window is null ? [] : LinkWindow.ParameterNames)
            .Append(UrlParameter.Page)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Keeping.Where(p => !replaced.Contains(p.Key)).Concat(Window?.Parameters ?? []).Concat(set);
    }

    private IEnumerable<KeyValuePair<string, string>> Own()
    {
        foreach (var (name, value) in Filters)
        {
            yield return new(name.ToLowerInvariant(), value);
        }

        if (ComputingSite is not null)
        {
            yield return new(UrlParameter.ComputingSite, ComputingSite);
        }

        if (ProdUserName is not null)
        {
            yield return new(UrlParameter.ProdUserName, ProdUserName);
        }

        if (JediTaskId is { } task)
        {
            yield return new(UrlParameter.JediTaskId, task.ToString(CultureInfo.InvariantCulture));
        }

        if (Error is { } error)
        {
            yield return new(error.CodeColumn, error.Code.ToString(CultureInfo.InvariantCulture));
        }

        if (JobStatus is not null)
        {
            yield return new(UrlParameter.JobStatus, JobStatus);
        }

        if (DropRetried is { } drop)
        {
            yield return new(UrlParameter.Mode, drop ? "drop" : "nodrop");
        }
    }
}

/// <summary>The time window a link carries, in the job list's grammar.</summary>
public sealed record LinkWindow
{
    internal static readonly string[] ParameterNames =
    [
        UrlParameter.Hours,
        UrlParameter.Days,
        UrlParameter.DateFrom,
        UrlParameter.DateTo,
    ];

    private LinkWindow(params KeyValuePair<string, string>[] parameters) => Parameters = parameters;

    internal IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public static LinkWindow Hours(int hours) =>
        new(new KeyValuePair<string, string>(UrlParameter.Hours, Whole(hours)));

    public static LinkWindow Days(int days) => new(new KeyValuePair<string, string>(UrlParameter.Days, Whole(days)));

    /// <summary>
    /// A fixed range: whole days as dates, otherwise to the second, so the link selects what was counted.
    /// </summary>
    public static LinkWindow Between(DateTime fromUtc, DateTime toUtc) =>
        new(new(UrlParameter.DateFrom, Format(fromUtc)), new(UrlParameter.DateTo, Format(toUtc)));

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(DateTime utc) =>
        utc.TimeOfDay == TimeSpan.Zero ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : utc.Second == 0 ? utc.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)
        : utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
