using System.Text;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Audit;

/// <summary>
/// The audit trail is a viewer of blind data like any other: its targets keep the path and query of blind views and
/// exports, whose values may be blind job and task names, datasets or diagnostics. A viewer without blind access
/// sees each parameter, but the value only of parameters on an allow-list of values that are never blind; every
/// other value (and any name that is not a plain parameter name) is withheld. Applied when the trail is read, so rows
/// stored before this rule are covered too.
/// </summary>
public static partial class AuditRedaction
{
    public const string Withheld = "(withheld)";

    /// <summary>Parameters whose values are never blind: windows, paging, order, and non-blind filters.</summary>
    public static readonly IReadOnlySet<string> OpenParameters = new HashSet<string>(
        [
            UrlParameter.Hours,
            UrlParameter.Days,
            UrlParameter.DateFrom,
            UrlParameter.DateTo,
            UrlParameter.Page,
            UrlParameter.DisplayLimit,
            UrlParameter.Limit,
            UrlParameter.SortBy,
            UrlParameter.SummarySort,
            UrlParameter.Mode,
            UrlParameter.FullList,
            UrlParameter.Json,
            UrlParameter.Metric,
            UrlParameter.By,
            UrlParameter.Table,
            UrlParameter.User,
            UrlParameter.Action,
            "fields",
            "activity",
            "resource_type",
            .. JobFields.All.Where(f => !f.BlindOnly).Select(f => f.Parameter),
            .. TaskFields.All.Where(f => !f.BlindOnly).Select(f => f.Parameter),
        ],
        StringComparer.OrdinalIgnoreCase
    );

    /// <summary>The entry as <paramref name="viewer"/> may see it.</summary>
    public static AuditEntry For(AuditEntry entry, ViewerAccess viewer) =>
        viewer.CanSeeBlindData ? entry : entry with { Target = Target(entry.Target) };

    /// <summary>
    /// A target ("/jobs?jobname=x", "GET /task/7") with every value that may be blind withheld.
    /// </summary>
    public static string Target(string target)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return target;
        }

        var redacted = new StringBuilder(target, 0, question + 1, target.Length);
        var pairs = target[(question + 1)..].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                redacted.Append('&');
            }

            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pairs[i] : pairs[i][..equals]);
            if (!PlainName().IsMatch(name))
            {
                redacted.Append(Withheld).Append('=').Append(Withheld);
            }
            else if (OpenParameters.Contains(name) || equals < 0)
            {
                redacted.Append(pairs[i]);
            }
            else
            {
                redacted.Append(name).Append('=').Append(Withheld);
            }
        }

        return redacted.ToString();
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,40}$")]
    private static partial Regex PlainName();
}
