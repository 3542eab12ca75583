using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The job list's filter bar as a plain object: read from the URL's parameters, written back as a URL that keeps
/// every other parameter. Time window, status, site, user and task use BigPanDA's parameter names.
/// </summary>
public sealed class JobFilterForm
{
    public const string RangeWindow = "range";

    /// <summary>
    /// The windows offered, as "parameter=value" keys with labels; the default (no parameter) is the empty key.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Windows =
    [
        ("hours=1", "last hour"),
        ("hours=6", "last 6 hours"),
        ("hours=12", "last 12 hours"),
        ("hours=24", "last 24 hours"),
        ("days=3", "last 3 days"),
        ("days=7", "last 7 days"),
        ("days=14", "last 14 days"),
        ("days=30", "last 30 days"),
    ];

    /// <summary>The states a shifter filters on most, in PanDA's lifecycle order.</summary>
    public static readonly IReadOnlyList<string> StatusChoices = PandaJobStatus
        .Lifecycle.Where(s => s != "waiting")
        .ToList();

    private static readonly string[] TimeParameters =
    [
        UrlParameter.Hours,
        UrlParameter.Days,
        UrlParameter.DateFrom,
        UrlParameter.DateTo,
    ];

    public string Window { get; set; } = "";

    public string? Site { get; set; }

    public string? User { get; set; }

    public string? Task { get; set; }

    /// <summary>date_from and date_to, used when <see cref="Window"/> is <see cref="RangeWindow"/>.</summary>
    public string? DateFrom { get; set; }

    public string? DateTo { get; set; }

    public IReadOnlyList<string> Statuses { get; private init; } = [];

    public static JobFilterForm From(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        string? Get(string name) =>
            parameters.LastOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        var window =
            Get(UrlParameter.DateFrom) is not null || Get(UrlParameter.DateTo) is not null ? RangeWindow
            : Get(UrlParameter.Hours) is { } hours ? "hours=" + hours
            : Get(UrlParameter.Days) is { } days ? "days=" + days
            : "";
        return new JobFilterForm
        {
            Window = window,
            Site = Get(UrlParameter.ComputingSite),
            User = Get(UrlParameter.ProdUserName),
            Task = Get(UrlParameter.JediTaskId),
            DateFrom = Get(UrlParameter.DateFrom),
            DateTo = Get(UrlParameter.DateTo),
            Statuses =
                Get(UrlParameter.JobStatus)?.Split('|', ',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList()
                ?? [],
        };
    }

    /// <summary>The current list with this form's window, site, user and task; other parameters stay.</summary>
    public string ToUrl(IReadOnlyList<KeyValuePair<string, string>> current)
    {
        var changes = new List<(string, string?)>
        {
            (UrlParameter.ComputingSite, Blank(Site)),
            (UrlParameter.ProdUserName, Blank(User)),
            (UrlParameter.JediTaskId, Blank(Task)),
        };
        changes.AddRange(TimeParameters.Select(p => (p, (string?)null)));
        if (Window == RangeWindow)
        {
            changes.Add((UrlParameter.DateFrom, Blank(DateFrom)));
            changes.Add((UrlParameter.DateTo, Blank(DateTo)));
        }
        else if (Window.Split('=') is [var name, var value])
        {
            changes.Add((name, value));
        }

        return MonitorUrls.JobsWith(current, [.. changes]);
    }

    /// <summary>The list with one status added to or removed from the jobstatus filter.</summary>
    public string ToggleStatusUrl(IReadOnlyList<KeyValuePair<string, string>> current, string status)
    {
        var next = Statuses.Contains(status) ? Statuses.Where(s => s != status).ToList() : [.. Statuses, status];
        return MonitorUrls.JobsWith(current, UrlParameter.JobStatus, next.Count == 0 ? null : string.Join("|", next));
    }

    /// <summary>The job page for a typed PandaID, or why the text is not one.</summary>
    public static (string? Url, string? Error) PandaIdJump(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var pandaId) && pandaId > 0)
        {
            return (MonitorUrls.Job(pandaId), null);
        }

        return (null, $"'{trimmed}' is not a PandaID; expected a whole number such as 4123456789.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
