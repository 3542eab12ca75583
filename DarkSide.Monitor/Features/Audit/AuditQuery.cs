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

    /// <summary>The window: days back from now, or date_from/date_to (UTC, date_to excluded).</summary>
    public TimeWindow Window { get; init; } = TimeWindow.Deep;

    /// <summary>date_from/date_to in place of days: a fixed range.</summary>
    public DateTime? DateFrom => Window.IsRange ? Window.FromUtc : null;

    public DateTime? DateTo => Window.ToUtc;

    /// <summary>The events this selection reads, a duration measured back from <paramref name="nowUtc"/>.</summary>
    public AuditSelection Selection(DateTime nowUtc) =>
        new(User, Action, Window.At(nowUtc).FromUtc ?? nowUtc.AddDays(-Days), DateTo, Page)
        {
            Order = Sort.Key switch
            {
                UserKey => AuditOrder.UserName,
                ActionKey => AuditOrder.Action,
                FromKey => AuditOrder.RemoteAddress,
                _ => AuditOrder.OccurredAt,
            },
            Descending = Sort.Descending,
        };

    public const string WhenKey = "when";
    public const string UserKey = "user";
    public const string ActionKey = "action";
    public const string FromKey = "from";

    /// <summary>The trail's order (sortby=): the newest first unless told; see <see cref="AuditOrder"/>.</summary>
    public static readonly TableSortSpec SortSpec = new(
        [WhenKey, UserKey, ActionKey, FromKey],
        new TableSort(WhenKey, true),
        UserKey,
        ActionKey,
        FromKey
    );

    public TableSort Sort { get; init; } = SortSpec.Default;

    public static readonly WindowPolicy Policy = WindowPolicy.Days(7) with { TakesHours = false, MaxDays = MaxDays };

    public static AuditQuery Parse(
        string? user,
        string? action,
        string? days,
        string? page,
        string? dateFrom = null,
        string? dateTo = null,
        DateTime? nowUtc = null,
        string? sortBy = null
    )
    {
        var problems = new List<ParameterError>();
        var sort = SortSpec.Parse(sortBy, problems);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var named = new[]
        {
            (UrlParameter.Days, days),
            (UrlParameter.DateFrom, dateFrom),
            (UrlParameter.DateTo, dateTo),
        };
        foreach (var (name, value) in named)
        {
            if (value is not null)
            {
                given[name] = value;
            }
        }

        var window = TimeWindowParser.Parse(given, Policy, nowUtc ?? DateTime.UtcNow, problems);
        var pageNumber = Whole(page, UrlParameter.Page, 1, QueryValues.MaxPageOffset / PageSize, problems);
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

        return new AuditQuery(user, action, window?.DurationCount ?? Policy.DefaultCount, pageNumber, problems)
        {
            Window = window ?? TimeWindow.Deep,
            Sort = sort,
        };
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
