using System.Globalization;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Audit;

/// <summary>
/// The audit trail's selection as the URL gives it (user, action, days, page), read the same way by the page and
/// its CSV; each bad parameter becomes a problem naming it and what is expected.
/// </summary>
public sealed record AuditQuery(string? User, string? Action, int Days, int Page, IReadOnlyList<ParameterError> Errors)
{
    /// <summary>The errors as sentences, parameter first.</summary>
    public IReadOnlyList<string> Problems => Errors.Select(e => $"{e.Parameter} {e.Message}").ToList();

    public const int PageSize = 100;
    public const int MaxDays = 3650;

    /// <summary>date_from/date_to (UTC, date_to excluded) in place of days: a fixed range.</summary>
    public DateTime? DateFrom { get; init; }

    public DateTime? DateTo { get; init; }

    /// <summary>The events this selection reads, its window measured back from <paramref name="nowUtc"/>.</summary>
    public AuditSelection Selection(DateTime nowUtc) =>
        new(User, Action, DateFrom ?? (DateTo ?? nowUtc).AddDays(-Days), DateTo, Page);

    public static AuditQuery Parse(
        string? user,
        string? action,
        string? days,
        string? page,
        string? dateFrom = null,
        string? dateTo = null
    )
    {
        var problems = new List<ParameterError>();
        var range = new Dictionary<string, string>();
        if (dateFrom is not null)
        {
            range[UrlParameter.DateFrom] = dateFrom;
        }

        if (dateTo is not null)
        {
            range[UrlParameter.DateTo] = dateTo;
        }

        var from = JobQueryParser.ParseDate(range, UrlParameter.DateFrom, problems);
        var to = JobQueryParser.ParseDate(range, UrlParameter.DateTo, problems);
        if (days is not null && range.Count > 0)
        {
            problems.Add(new(UrlParameter.Days, "cannot be combined with date_from/date_to; give one of them."));
        }
        else if (from >= to)
        {
            problems.Add(
                new(UrlParameter.DateFrom, $"{from:yyyy-MM-dd HH:mm} is not before date_to {to:yyyy-MM-dd HH:mm}.")
            );
        }

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

        return new AuditQuery(user, action, dayCount, pageNumber, problems) { DateFrom = from, DateTo = to };
    }

    private static int Whole(string? text, string name, int fallback, int max, List<ParameterError> problems)
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
