using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// Reads BigPanDA's task-list parameters (status, username, taskname wildcards, days, ...) into a <see
/// cref="TaskQuery"/>,
/// or into errors naming each bad parameter and what it expects.
/// </summary>
public static class TaskQueryParser
{
    public const int DefaultDays = 7;
    public const int MaxDays = 3650;
    public const int DefaultDisplayLimit = 100;
    private const int MaxDisplayLimit = 1000;

    private static readonly Dictionary<string, TaskSortKey> SortKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jeditaskid"] = TaskSortKey.JediTaskId,
        ["time"] = TaskSortKey.Time,
        ["create"] = TaskSortKey.Create,
        ["priority"] = TaskSortKey.Priority,
        ["status"] = TaskSortKey.Status,
    };

    private static readonly string[] ControlParameters =
    [
        .. WindowPolicy.AllParameters,
        UrlParameter.SortBy,
        UrlParameter.DisplayLimit,
        UrlParameter.Page,
        UrlParameter.SummarySort,
    ];

    public static IEnumerable<string> AcceptedParameters =>
        TaskFields.All.Select(f => f.Parameter).Concat(ControlParameters);

    public static (TaskQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(
        IReadOnlyDictionary<string, StringValues> query,
        DateTime nowUtc
    )
    {
        var errors = new List<ParameterError>();
        var values = QueryValues.ReadSingle(query, errors);
        var filters = new List<JobFilter>();
        foreach (var (name, value) in values.Where(v => !ControlParameters.Contains(v.Key)))
        {
            if (TaskFields.Find(name) is not { } field)
            {
                errors.Add(
                    new(name, $"is not a task-list parameter. Accepted: {string.Join(", ", AcceptedParameters)}.")
                );
                continue;
            }

            if (JobQueryParser.ParseFilter(field, value, errors) is { } filter)
            {
                filters.Add(filter);
            }
        }

        var displayLimit =
            QueryValues.Whole(values, UrlParameter.DisplayLimit, 1, MaxDisplayLimit, errors) ?? DefaultDisplayLimit;
        var page = QueryValues.Whole(values, UrlParameter.Page, 1, int.MaxValue, errors) ?? 1;
        QueryValues.CheckPaging(page, displayLimit, "tasks", errors);
        var (sort, descending) = ParseSort(values, errors);
        if (values.TryGetValue(UrlParameter.SummarySort, out var summarySort) && summarySort is not ("count" or "name"))
        {
            errors.Add(
                new(
                    "summarysort",
                    $"'{summarySort}' is not a summary order; expected count (most frequent first) or name."
                )
            );
        }

        // hours=, days= (back from now, moving with live refreshes) or date_from/date_to (fixed, date_to excluded);
        // an ID without any of them looks in all of history, as BigPanDA's task list does for jeditaskid.
        var window = TimeWindowParser.Parse(
            values,
            Policy,
            nowUtc,
            errors,
            liftsWindow: filters.Any(f => f.Field.LiftsTimeWindow)
        );
        return errors.Count > 0 || window is null
            ? (null, errors)
            : (
                new TaskQuery(nowUtc, window.FromUtc, filters, sort, descending, (int)page, (int)displayLimit)
                {
                    ToUtc = window.ToUtc,
                    IsRange = window.IsRange,
                },
                errors
            );
    }

    public static readonly WindowPolicy Policy = WindowPolicy.Days(DefaultDays) with { MaxDays = MaxDays };

    private static (TaskSortKey Key, bool Descending) ParseSort(
        Dictionary<string, string> values,
        List<ParameterError> errors
    )
    {
        if (!values.TryGetValue(UrlParameter.SortBy, out var sortBy))
        {
            return (TaskSortKey.JediTaskId, true);
        }

        var parts = sortBy.Split('-', 2);
        var direction = parts.Length == 2 ? parts[1].ToLowerInvariant() : "desc";
        if (
            !SortKeys.TryGetValue(parts[0], out var sort)
            || direction is not ("asc" or "desc" or "ascending" or "descending")
        )
        {
            errors.Add(
                new(
                    UrlParameter.SortBy,
                    $"'{sortBy}' is not a task order; expected one of {string.Join(", ", SortKeys.Keys)}, "
                        + $"optionally followed by -asc or -desc."
                )
            );
        }

        return (sort, direction.StartsWith("desc", StringComparison.Ordinal));
    }
}
