using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// Reads BigPanDA-compatible job-list URL parameters (bigpanda-monitor.md §1.3, §1.7, §1.8) into a <see
/// cref="JobQuery"/>,
/// or into errors that name the parameter and the expected form. Nothing is ignored silently.
/// </summary>
public sealed partial class JobQueryParser(JobListOptions options)
{
    /// <summary>
    /// Parameters BigPanDA's clients send that change nothing here: cache busters. Accepted and ignored.
    /// </summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
    {
        "timestamp",
        "_",
    };

    private const int MaxListValues = 10_000;

    /// <summary>
    /// The deepest row a page may start at: beyond it, paging costs the database more than narrowing does.
    /// </summary>
    public const int MaxPageOffset = 1_000_000;
    private const int MaxWindowDays = 3650;

    private static readonly string[] ControlParameters =
    [
        UrlParameter.Hours,
        UrlParameter.Days,
        UrlParameter.DateFrom,
        UrlParameter.DateTo,
        UrlParameter.SortBy,
        UrlParameter.DisplayLimit,
        UrlParameter.Page,
        UrlParameter.Limit,
        UrlParameter.ErrorMessage,
        UrlParameter.SummarySort,
        UrlParameter.Mode,
        UrlParameter.FullList,
    ];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mmZ",
        "yyyy-MM-ddTHH:mm:ssZ",
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
        var values = ReadSingleValues(query, errors);
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
            ParseWhole(values, UrlParameter.DisplayLimit, 1, options.MaxDisplayLimit, errors)
            ?? options.DefaultDisplayLimit;
        var page = ParseWhole(values, UrlParameter.Page, 1, int.MaxValue, errors) ?? 1;
        CheckPaging(page, displayLimit, "jobs", errors);
        var limit = ParseWhole(values, UrlParameter.Limit, 1, long.MaxValue, errors);
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

    /// <summary>Each parameter once, trimmed and non-empty, without control characters; names in lower case.</summary>
    internal static Dictionary<string, string> ReadSingleValues(
        IReadOnlyDictionary<string, StringValues> query,
        List<ParameterError> errors
    )
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in query.GroupBy(p => p.Key.ToLowerInvariant()).Where(g => !Ignored.Contains(g.Key)))
        {
            var all = group.SelectMany(p => p.Value).ToList();
            if (all.Count != 1)
            {
                errors.Add(
                    new(group.Key, $"is given {all.Count} times; give it once (use '|' to list several values).")
                );
                continue;
            }

            var value = all[0]?.Trim() ?? "";
            if (value.Length == 0)
            {
                errors.Add(new(group.Key, "is empty; give a value or leave the parameter out."));
                continue;
            }

            if (ControlCharacter(group.Key, value, errors))
            {
                continue;
            }

            values[group.Key] = value;
        }

        return values;
    }

    private JobTimeWindow? ParseWindow(
        Dictionary<string, string> values,
        List<JobFilter> filters,
        DateTime nowUtc,
        List<ParameterError> errors
    )
    {
        var hours = ParseWhole(values, UrlParameter.Hours, 1, MaxWindowDays * 24L, errors);
        var days = ParseWhole(values, UrlParameter.Days, 1, MaxWindowDays, errors);
        var from = ParseDate(values, UrlParameter.DateFrom, errors);
        var to = ParseDate(values, UrlParameter.DateTo, errors);
        var hasHours = values.ContainsKey(UrlParameter.Hours);
        var hasDays = values.ContainsKey(UrlParameter.Days);
        var hasRange = values.ContainsKey(UrlParameter.DateFrom) || values.ContainsKey(UrlParameter.DateTo);

        if (hasHours && hasDays)
        {
            errors.Add(new(UrlParameter.Days, "cannot be combined with hours; give one of them."));
            return null;
        }

        if ((hasHours || hasDays) && hasRange)
        {
            errors.Add(
                new(
                    hasHours ? UrlParameter.Hours : UrlParameter.Days,
                    "cannot be combined with date_from/date_to; give either a duration or a date range."
                )
            );
            return null;
        }

        if (errors.Count > 0)
        {
            return null;
        }

        // BigPanDA's "deep query": an indexed ID without an explicit window searches all of history; so does
        // fulllist=true.
        var fullList = ParseFullList(values, errors);
        if (!hasHours && !hasDays && !hasRange && (fullList || filters.Any(f => f.Field.LiftsTimeWindow)))
        {
            return JobTimeWindow.Deep;
        }

        // BigPanDA windows the active tables only for hours= or date_to=, or a filter on active states alone.
        var onlyActiveStates = filters
            .OfType<StatusListJobFilter>()
            .Any(f => f.Statuses.All(s => !PandaJobStatus.IsFinal(s)));
        var activeWindowed = hasHours || values.ContainsKey(UrlParameter.DateTo) || onlyActiveStates;

        if (hasRange)
        {
            var end = to ?? nowUtc;
            var start = from ?? end.AddHours(-options.DefaultHours);
            if (start >= end)
            {
                errors.Add(
                    new(
                        UrlParameter.DateFrom,
                        $"{start:yyyy-MM-dd HH:mm:ss} is not before date_to {end:yyyy-MM-dd HH:mm:ss}; expected "
                            + $"date_from < date_to (UTC)."
                    )
                );
                return null;
            }

            return new JobTimeWindow(start, to, activeWindowed, IsDeepQuery: false);
        }

        var span =
            hours is not null ? TimeSpan.FromHours(hours.Value)
            : days is not null ? TimeSpan.FromDays(days.Value)
            : TimeSpan.FromHours(options.DefaultHours);
        return new JobTimeWindow(nowUtc - span, null, activeWindowed, IsDeepQuery: false) { Duration = span };
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
