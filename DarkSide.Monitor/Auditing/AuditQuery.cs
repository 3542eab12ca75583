using System.Globalization;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Auditing;

/// <summary>
/// The audit trail's selection as the URL gives it (user, action, days, page), read the same way by the page and
/// its CSV; each bad parameter becomes a problem naming it and what is expected.
/// </summary>
public sealed record AuditQuery(string? User, string? Action, int Days, int Page, IReadOnlyList<string> Problems)
{
    public const int PageSize = 100;
    public const int MaxDays = 3650;

    public static AuditQuery Parse(string? user, string? action, string? days, string? page)
    {
        var problems = new List<string>();
        var dayCount = Whole(days, UrlParameter.Days, 7, MaxDays, problems);
        var pageNumber = Whole(page, UrlParameter.Page, 1, JobQueryParser.MaxPageOffset / PageSize, problems);
        if (user is not null && user.Any(char.IsControl))
        {
            problems.Add("user contains a control character; expected printable text.");
        }

        if (action is not null && !AuditActions.All.Contains(action))
        {
            problems.Add(
                $"action '{action}' is not an audited action; expected {string.Join(" or ", AuditActions.All)}."
            );
        }

        return new AuditQuery(user, action, dayCount, pageNumber, problems);
    }

    private static int Whole(string? text, string name, int fallback, int max, List<string> problems)
    {
        if (text is null)
        {
            return fallback;
        }

        if (
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= 1
            && value <= max
        )
        {
            return value;
        }

        problems.Add(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{name} '{text}' is not valid; expected a whole number from 1 to {max}."
            )
        );
        return fallback;
    }
}
