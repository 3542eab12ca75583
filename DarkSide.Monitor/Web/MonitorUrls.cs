using System.Text;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web;

/// <summary>The one place that builds the monitor's links. Components never concatenate URLs themselves.</summary>
public static class MonitorUrls
{
    public const string JobsPath = "/jobs";

    public const string JobsCsvPath = "/jobs/csv";

    /// <summary>Where /jobs?json is served; BigPanDA's form (/jobs?json) is the public address.</summary>
    public const string JobsJsonPath = "/jobs/json";

    public const string ErrorsPath = "/errors";

    public const string TasksPath = "/tasks";

    /// <summary>The error view with exactly these parameters.</summary>
    public static string Errors(IEnumerable<KeyValuePair<string, string>> parameters) =>
        ErrorsPath + QueryString(parameters);

    public const string AdminAuditPath = "/admin/audit";
    public const string AdminAuditCsvPath = "/admin/audit/csv";

    /// <summary>The audit trail with exactly these parameters.</summary>
    public static string AdminAudit(IEnumerable<KeyValuePair<string, string>> parameters) =>
        AdminAuditPath + QueryString(parameters);

    public const string UsagePath = "/usage";

    public const string MemoryPath = "/memory";

    public const string SitesPath = "/sites";

    public const string AlertsPath = "/alerts";

    /// <summary>Where the silence forms post (shifters and admins).</summary>
    public const string AlertSilencesPath = "/alerts/silences";

    /// <summary>
    /// A coordinator view (/usage, /memory, /sites) or its CSV (path + "/csv") with exactly these parameters.
    /// </summary>
    public static string With(string path, IEnumerable<KeyValuePair<string, string>> parameters) =>
        path + QueryString(parameters);

    /// <summary>The same view with one parameter set (or removed when <paramref name="value"/> is null).</summary>
    public static string With(
        string path,
        IReadOnlyList<KeyValuePair<string, string>> current,
        string name,
        string? value
    ) =>
        With(
            path,
            current
                .Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
                .Concat(value is null ? [] : [new KeyValuePair<string, string>(name, value)])
        );

    /// <summary>One PanDA queue's throughput page.</summary>
    public static string Site(string computingSite, IEnumerable<KeyValuePair<string, string>> parameters) =>
        "/site/" + Uri.EscapeDataString(computingSite) + QueryString(parameters);

    /// <summary>The task list with exactly these parameters.</summary>
    public static string Tasks(IEnumerable<KeyValuePair<string, string>> parameters) =>
        TasksPath + QueryString(parameters);

    /// <summary>The job list of a selection built from typed values.</summary>
    public static string Jobs(JobLink selection) => Jobs(selection.Parameters());

    /// <summary>The error view of a selection built from typed values.</summary>
    public static string Errors(JobLink selection) => Errors(selection.Parameters());

    /// <summary>The job list with exactly these parameters, in a stable order (the order given).</summary>
    public static string Jobs(IEnumerable<KeyValuePair<string, string>> parameters) =>
        JobsPath + QueryString(parameters);

    private static string QueryString(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            query
                .Append(query.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name))
                .Append('=')
                .Append(Escape(value));
        }

        return query.ToString();
    }

    /// <summary>
    /// The current job list with one parameter set (or removed when <paramref name="value"/> is null); paging restarts.
    /// Names are matched and written in lower case, as BigPanDA reads them.
    /// </summary>
    public static string JobsWith(IReadOnlyList<KeyValuePair<string, string>> current, string name, string? value) =>
        JobsWith(current, (name, value));

    /// <summary>The current job list with several parameters set or removed at once; paging restarts.</summary>
    public static string JobsWith(
        IReadOnlyList<KeyValuePair<string, string>> current,
        params (string Name, string? Value)[] changes
    ) => WithChanges(JobsPath, current, changes);

    /// <summary>
    /// A page with several parameters set or removed at once (null removes); paging restarts. Names are matched and
    /// written in lower case, as BigPanDA reads them.
    /// </summary>
    public static string WithChanges(
        string path,
        IReadOnlyList<KeyValuePair<string, string>> current,
        params (string Name, string? Value)[] changes
    )
    {
        var next = current
            .Where(p =>
                p.Key != UrlParameter.Page
                && !changes.Any(c => string.Equals(p.Key, c.Name, StringComparison.OrdinalIgnoreCase))
            )
            .ToList();
        foreach (var (name, value) in changes)
        {
            if (value is not null)
            {
                next.Add(new(name.ToLowerInvariant(), value));
            }
        }

        return With(path, next);
    }

    /// <summary>
    /// A page with a date_from/date_to window in place of its own (a range selected on a chart): whole UTC days that
    /// cover the range for pages counted in days, minutes for the others. date_to is the first instant not counted.
    /// </summary>
    public static string WindowRange(
        string path,
        IReadOnlyList<KeyValuePair<string, string>> current,
        DateTime fromUtc,
        DateTime toUtc,
        bool wholeDays
    )
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var (from, to) = wholeDays
            ? (fromUtc.Date, toUtc.TimeOfDay == TimeSpan.Zero ? toUtc.Date : toUtc.Date.AddDays(1))
            : (
                new DateTime(fromUtc.Ticks - fromUtc.Ticks % TimeSpan.TicksPerMinute),
                new DateTime(
                    toUtc.Ticks
                        + (TimeSpan.TicksPerMinute - 1)
                        - (toUtc.Ticks + TimeSpan.TicksPerMinute - 1) % TimeSpan.TicksPerMinute
                )
            );
        var format = wholeDays ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm";
        return WithChanges(
            path,
            current,
            (UrlParameter.Hours, null),
            (UrlParameter.Days, null),
            (UrlParameter.DateFrom, from.ToString(format, culture)),
            (UrlParameter.DateTo, to.ToString(format, culture))
        );
    }

    /// <summary>The current job list at another page.</summary>
    public static string JobsPage(IReadOnlyList<KeyValuePair<string, string>> current, int page)
    {
        var next = current.Where(p => p.Key != UrlParameter.Page).ToList();
        if (page > 1)
        {
            next.Add(new(UrlParameter.Page, page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return Jobs(next);
    }

    /// <summary>The selection as CSV: the same parameters on the export path, without paging.</summary>
    public static string JobsCsv(IReadOnlyList<KeyValuePair<string, string>> current) =>
        JobsCsvPath + QueryString(current.Where(p => p.Key != UrlParameter.Page));

    /// <summary>The selection as BigPanDA's JSON: the job list's own URL with <c>json</c>.</summary>
    public static string JobsJson(IReadOnlyList<KeyValuePair<string, string>> current)
    {
        var list = Jobs(current.Where(p => p.Key != UrlParameter.Page && p.Key != UrlParameter.Json));
        return list + (list.Contains('?') ? "&json" : "?json");
    }

    /// <summary>
    /// Every attempt of one job (all jobs with its name in its task), latest first, as BigPanDA links it.
    /// </summary>
    public static string JobAttempts(string jobName, long? jediTaskId) =>
        Jobs(
            new KeyValuePair<string, string>[] { new(UrlParameter.JobName, jobName) }
                .Concat(
                    jediTaskId is { } task
                        ?
                        [
                            new(
                                UrlParameter.JediTaskId,
                                task.ToString(System.Globalization.CultureInfo.InvariantCulture)
                            ),
                        ]
                        : []
                )
                .Append(new(UrlParameter.Mode, "nodrop"))
                .Append(new(UrlParameter.SortBy, "attemptnr-descending"))
        );

    /// <summary>A path on this monitor, never another host: see <see cref="LocalPaths.IsLocal"/>.</summary>
    public static bool IsLocalPath(string? path) => LocalPaths.IsLocal(path);

    /// <summary>One task's page.</summary>
    public static string Task(long jediTaskId) =>
        "/task/" + jediTaskId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One job's page, by PandaID.</summary>
    public static string Job(long pandaId) =>
        "/job/" + pandaId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // '|', ',', '*' and '!' are the filter grammar; keeping them readable keeps bookmarks readable.
    private static string Escape(string value) =>
        Uri.EscapeDataString(value)
            .Replace("%7C", "|")
            .Replace("%2C", ",")
            .Replace("%2A", "*")
            .Replace("%21", "!")
            .Replace("%3A", ":");
}
