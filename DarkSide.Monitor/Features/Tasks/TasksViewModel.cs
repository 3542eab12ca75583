using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Filters;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Tasks;

/// <summary>
/// The task list's state: URL parameters, their parse, the latest snapshot, and the links the page shows.
/// </summary>
public sealed class TasksViewModel(TimeProvider time)
{
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public TaskQuery? Query { get; private set; }

    public TaskListPage? Result { get; private set; }

    public bool SummaryByName { get; private set; }

    public DateTime? UpdatedUtc { get; private set; }

    public string? Problem { get; private set; }

    public void SetLocation(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        Parameters = url.Parameters;
        (Query, Errors) = TaskQueryParser.Parse(url.Values, time.GetUtcNow().UtcDateTime);
        SummaryByName = Parameters.Any(p => p.Key == UrlParameter.SummarySort && p.Value == "name");
        Result = null;
        Problem = null;
    }

    public void Apply(LiveState<TaskListSnapshot> state)
    {
        Problem = state.Problem;
        if (state.Value is { } snapshot)
        {
            Query = snapshot.Query;
            Result = snapshot.Page;
            UpdatedUtc = state.UpdatedUtc;
        }
    }

    /// <summary>The task list's filter bar: task parameters, windows from an hour, ranges of instants.</summary>
    public FilterBarSpec FilterSpec =>
        new()
        {
            Path = MonitorUrls.TasksPath,
            Fields =
            [
                new(UrlParameter.Status, "Status", "running|done"),
                new(UrlParameter.UserName, "User", "name or !name"),
                new(UrlParameter.TaskName, "Task name", "ds20k.sim.*"),
                new(UrlParameter.WorkingGroup, "Working group", "AP_* or Not specified"),
            ],
            DefaultWindowLabel = Query is { FromUtc: null }
                ? "all of history"
                : FilterWindows.Label(TaskQueryParser.DefaultDays * 24),
        };

    public IReadOnlyList<JobAttributeCounts> Summary =>
        Result is null ? []
        : SummaryByName
            ? Result
                .Summary.Select(a =>
                    a with
                    {
                        Values = a.Values.OrderBy(v => v.Value, StringComparer.OrdinalIgnoreCase).ToList(),
                    }
                )
                .ToList()
        : Result.Summary;

    public string UpdatedText =>
        UpdatedUtc is { } updated
            ? "updated " + updated.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "";

    public string TotalText =>
        Result is null
            ? ""
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{Result.Total:N0} {(Result.Total == 1 ? "task" : "tasks")}"
            );

    public string WindowText =>
        Query?.FromUtc is { } from
            ? Query.IsRange
                ? $"Modified {DisplayText.Range(from, Query.ToUtc)} UTC"
                : string.Create(CultureInfo.InvariantCulture, $"Modified since {from:yyyy-MM-dd HH:mm} UTC")
            : "All of history (an ID filter lifts the time window)";

    public int PageCount =>
        Result is null || Query is null
            ? 0
            : (int)Math.Max(1, (Result.Total + Query.DisplayLimit - 1) / Query.DisplayLimit);

    public string FilterUrl(string parameter, string? value) => With((parameter, value));

    /// <summary>The whole selection as CSV (not only this page), with the list's own parameters.</summary>
    public string CsvUrl =>
        MonitorUrls.With(
            MonitorUrls.TasksPath + "/csv",
            Parameters.Where(p => p.Key is not (UrlParameter.Page or UrlParameter.DisplayLimit))
        );

    public string SummarySortUrl(bool byName) => With((UrlParameter.SummarySort, byName ? "name" : null));

    public string PageUrl(int page) =>
        MonitorUrls.Tasks(
            Parameters
                .Where(p => p.Key != UrlParameter.Page)
                .Concat(page > 1 ? [new(UrlParameter.Page, page.ToString(CultureInfo.InvariantCulture))] : [])
        );

    public string PageSizeUrl(int size) =>
        With((UrlParameter.DisplayLimit, size.ToString(CultureInfo.InvariantCulture)));

    public string SortUrl(TaskSortKey key, string name)
    {
        var descending = Query is { } q && q.Sort == key ? !q.Descending : key != TaskSortKey.Status;
        return With((UrlParameter.SortBy, name + (descending ? "-desc" : "-asc")));
    }

    public string SortMark(TaskSortKey key) => Query is { } q && q.Sort == key ? (q.Descending ? "↓" : "↑") : "";

    private string With(params (string Name, string? Value)[] changes)
    {
        var next = Parameters
            .Where(p =>
                p.Key != UrlParameter.Page
                && !changes.Any(c => string.Equals(c.Name, p.Key, StringComparison.OrdinalIgnoreCase))
            )
            .ToList();
        next.AddRange(
            changes.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string>(c.Name, c.Value!))
        );
        return MonitorUrls.Tasks(next);
    }
}
