using System.Text.RegularExpressions;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Search;

/// <summary>What a search box entry is, read from its shape alone (a name is never looked up: that would tell a
/// viewer without blind access whether a blind task of that name exists).</summary>
public enum SearchKind
{
    Nothing,
    Number,
    JobName,
    TaskName,
    User,
}

/// <summary>
/// The app bar's search: a PandaID or task ID opens its page, a job or task name (wildcards allowed) the job or task
/// list filtered by it, anything else the jobs of that user. The lists apply their own rules, blind access included.
/// </summary>
public static partial class SearchTarget
{
    public const int MaxLength = 200;

    public static SearchKind Classify(string? text)
    {
        var q = text?.Trim() ?? "";
        if (q.Length == 0)
        {
            return SearchKind.Nothing;
        }

        if (q.Length <= 18 && q.All(char.IsAsciiDigit))
        {
            return SearchKind.Number;
        }

        if (q.Contains(' ', StringComparison.Ordinal) || !q.Contains('.', StringComparison.Ordinal))
        {
            return SearchKind.User;
        }

        // PanDA names a job after its task plus a serial: "ds20k.sim.ar39_tpc.v2.31373.002470".
        return JobSerial().IsMatch(q) ? SearchKind.JobName : SearchKind.TaskName;
    }

    /// <summary>Where a name or user goes; numbers need <see cref="ForNumber"/>.</summary>
    public static string ForText(SearchKind kind, string text) =>
        kind switch
        {
            SearchKind.JobName => MonitorUrls.Jobs([new(UrlParameter.JobName, text.Trim())]),
            SearchKind.TaskName => MonitorUrls.Tasks([new(UrlParameter.TaskName, text.Trim())]),
            SearchKind.User => MonitorUrls.Jobs([new(UrlParameter.ProdUserName, text.Trim())]),
            _ => MonitorUrls.JobsPath,
        };

    /// <param name="isJob">A job with this PandaID exists.</param>
    /// <param name="isTask">A task with this ID exists.</param>
    public static string ForNumber(long number, bool isJob, bool isTask) =>
        isJob ? MonitorUrls.Job(number)
        : isTask ? MonitorUrls.Task(number)
        : MonitorUrls.Jobs([
            new(UrlParameter.PandaId, number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

    [GeneratedRegex(@"\.\d{4,}\*?$")]
    private static partial Regex JobSerial();
}
