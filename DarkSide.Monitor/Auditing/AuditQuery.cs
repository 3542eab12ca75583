using System.Globalization;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Auditing;

/// <summary>
/// The audit trail's selection as the URL gives it (user, action, days, page), read the same way by the page and
/// its CSV; each bad parameter becomes a problem naming it and what is expected.
/// </summary>
public sealed record AuditQuery(string? User, string? Action, int Days, int Page, IReadOnlyList<JobQueryError> Errors)
{
    /// <summary>The errors as sentences, parameter first.</summary>
    public IReadOnlyList<string> Problems => Errors.Select(e => $"{e.Parameter} {e.Message}").ToList();

    public const int PageSize = 100;
    public const int MaxDays = 3650;

    public static AuditQuery Parse(string? user, string? action, string? days, string? page)
    {
        var problems = new List<JobQueryError>();
        var dayCount = Whole(days, UrlParameter.Days, 7, MaxDays, problems);
        var pageNumber = Whole(page, UrlParameter.Page, 1, JobQueryParser.MaxPageOffset / PageSize, problems);
        if (user is not null && user.Any(char.IsControl))
        {
            problems.Add(new(UrlParameter.User, "contains a control character; expected printable text."));
        }
        else if (user is not null && (user.Length is 0 or > 250 || TextPattern.Parse(user).HasEmptyTerm))
        {
            problems.Add(
                new(
                    UrlParameter.User,
                    $"'{user}' is empty or has an empty alternative; expected a name, ali* (wildcard), a|b or !a."
                )
            );
        }

        if (action is not null && !AuditActions.All.Contains(action))
        {
            problems.Add(
                new(
                    UrlParameter.Action,
                    $"'{action}' is not an audited action; expected {string.Join(" or ", AuditActions.All)}."
                )
            );
        }

        return new AuditQuery(user, action, dayCount, pageNumber, problems);
    }

    private static int Whole(string? text, string name, int fallback, int max, List<JobQueryError> problems)
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
            new(
                name,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{text}' is not valid; expected a whole number from 1 to {max}."
                )
            )
        );
        return fallback;
    }
}
