using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// Reads BigPanDA-compatible job-list URL parameters (docs/bigpanda-compatibility.md: time window, filter grammar) into
/// a <see cref="JobQuery"/>, or into errors that name the parameter and the expected form. Nothing is ignored silently.
/// </summary>
public sealed partial class JobQueryParser(JobListOptions options)
{
    private const int MaxListValues = 10_000;
    private const int MaxWindowDays = 3650;

    private static readonly string[] ControlParameters =
    [
        .. WindowPolicy.AllParameters,
        UrlParameter.SortBy,
        UrlParameter.DisplayLimit,
        UrlParameter.Page,
        UrlParameter.Limit,
        UrlParameter.ErrorMessage,
        UrlParameter.SummarySort,
        UrlParameter.CodesSortBy,
        UrlParameter.Mode,
        UrlParameter.FullList,
    ];

    private static readonly JobField ErrorMessageField = new(
        UrlParameter.ErrorMessage,
        "",
        JobFieldKind.Text,
        BlindOnly: true
    );

    public static IEnumerable<string> AcceptedParameters =>
        JobFields.All.Select(f => f.Parameter).Concat(ControlParameters);

    public JobQueryParseResult Parse(IReadOnlyDictionary<string, StringValues> query, DateTime nowUtc)
    {
        var errors = new List<ParameterError>();
        var values = QueryValues.ReadSingle(query, errors);
        var filters = new List<JobFilter>();

        foreach (var (name, value) in values)
        {
            if (ControlParameters.Contains(name))
            {
                continue;
            }

            var field = JobFields.Find(name);
            if (field is null)
            {
                errors.Add(
                    new(name, $"is not a job-list parameter. Accepted: {string.Join(", ", AcceptedParameters)}.")
                );
                continue;
            }

            var filter = ParseFilter(field, value, errors);
            if (filter is not null)
            {
                filters.Add(filter);
            }
        }

        AddErrorMessageFilter(values, filters, errors);
        var window = ParseWindow(values, filters, nowUtc, errors);
        var sort = ParseSort(values, filters, errors);
        var displayLimit =
            QueryValues.Whole(values, UrlParameter.DisplayLimit, 1, options.MaxDisplayLimit, errors)
            ?? options.DefaultDisplayLimit;
        var page = QueryValues.Whole(values, UrlParameter.Page, 1, int.MaxValue, errors) ?? 1;
        QueryValues.CheckPaging(page, displayLimit, "jobs", errors);
        var limit = QueryValues.Whole(values, UrlParameter.Limit, 1, long.MaxValue, errors);
        var summaryByName = values.TryGetValue(UrlParameter.SummarySort, out var summarySort) && summarySort == "name";
        if (summarySort is not null and not ("count" or "name"))
        {
            errors.Add(
                new(
                    UrlParameter.SummarySort,
                    $"'{summarySort}' is not a summary order; expected count (most frequent first) or name."
                )
            );
        }

        var dropRetried = ParseMode(values, filters, errors);
        if (errors.Count > 0 || window is null)
        {
            return new JobQueryParseResult(null, errors);
        }

        return new JobQueryParseResult(
            new JobQuery(nowUtc, window, filters, sort, (int)page, (int)displayLimit, limit)
            {
                SummaryByName = summaryByName,
                DropRetried = dropRetried,
            },
            errors
        );
    }

    public WindowPolicy Policy => WindowPolicy.Hours(options.DefaultHours) with { MaxDays = MaxWindowDays };

    private JobTimeWindow? ParseWindow(
        Dictionary<string, string> values,
        List<JobFilter> filters,
        DateTime nowUtc,
        List<ParameterError> errors
    )
    {
        // BigPanDA's "deep query": an indexed ID without an explicit window searches all of history; so does
        // fulllist=true.
        var fullList = ParseFullList(values, errors);
        var window = TimeWindowParser.Parse(
            values,
            Policy,
            nowUtc,
            errors,
            liftsWindow: fullList || filters.Any(f => f.Field.LiftsTimeWindow)
        );
        if (window is null)
        {
            return null;
        }

        if (window.IsDeep)
        {
            return JobTimeWindow.Deep;
        }

        // BigPanDA windows the active tables only for hours= or date_to=, or a filter on active states alone.
        var onlyActiveStates = filters
            .OfType<StatusListJobFilter>()
            .Any(f => f.Statuses.All(s => !PandaJobStatus.IsFinal(s)));
        var activeWindowed =
            (!window.IsDefault && window.DurationParameter == UrlParameter.Hours)
            || window.ToUtc is not null
            || onlyActiveStates;
        return window.IsRange
            ? new JobTimeWindow(window.FromUtc, window.ToUtc, activeWindowed, IsDeepQuery: false)
            : new JobTimeWindow(window.FromUtc, null, activeWindowed, IsDeepQuery: false)
            {
                Duration = window.Duration,
            };
    }

    private static JobSort ParseSort(
        Dictionary<string, string> values,
        List<JobFilter> filters,
        List<ParameterError> errors
    )
    {
        if (values.TryGetValue(UrlParameter.SortBy, out var value))
        {
            var sort = JobSort.TryParse(value);
            if (sort is null)
            {
                errors.Add(
                    new(
                        UrlParameter.SortBy,
                        $"'{value}' is not a sort order; expected one of {string.Join(", ", JobSort.KeyNames)}, "
                            + $"optionally followed by -ascending or -descending."
                    )
                );
                return JobSort.Default;
            }

            return sort;
        }

        return filters.Any(f => f.Field.Parameter == "jeditaskid") ? JobSort.TaskDefault : JobSort.Default;
    }

    /// <summary>
    /// BigPanDA's drop mode: on by default inside a task (jeditaskid given), mode=nodrop shows every attempt.
    /// </summary>
    private static bool ParseMode(
        Dictionary<string, string> values,
        List<JobFilter> filters,
        List<ParameterError> errors
    )
    {
        if (!values.TryGetValue(UrlParameter.Mode, out var mode))
        {
            return filters.Any(f => f.Field.Parameter == "jeditaskid");
        }

        if (mode is not ("drop" or "nodrop"))
        {
            errors.Add(
                new(
                    UrlParameter.Mode,
                    $"'{mode}' is not a retry mode; expected drop (hide jobs that were retried) or nodrop (show "
                        + $"every attempt)."
                )
            );
        }

        return mode == "drop";
    }
}

public sealed record JobQueryParseResult(JobQuery? Query, IReadOnlyList<ParameterError> Errors)
{
    public bool IsValid => Query is not null;
}
