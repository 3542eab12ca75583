using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The job list's state: the URL's parameters, what they parse to, and the latest live snapshot of the jobs they
/// select. Plain class, so parsing, paging, change marking and the texts are tested without rendering.
/// </summary>
public sealed class JobsViewModel(JobQueryParser parser, TimeProvider time)
{
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    /// <summary>The query as of the latest snapshot, or as parsed from the URL until one arrives.</summary>
    public JobQuery? Query { get; private set; }

    public JobListPage? Result { get; private set; }

    /// <summary>
    /// The attribute and error summaries; they arrive after the page, because they read the whole selection.
    /// </summary>
    public JobSelectionSummary? Summary { get; private set; }

    /// <summary>When the summaries were read: they refresh less often than the rows.</summary>
    public DateTime? SummaryUtc { get; private set; }

    public string SummaryTimeText =>
        SummaryUtc is { } at ? "Summaries as of " + at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "";

    /// <summary>How long a new or changed job stays marked: a few refreshes, so the eye can catch it.</summary>
    public static readonly TimeSpan ChangeMarkLifetime = TimeSpan.FromSeconds(6);

    private readonly Dictionary<long, DateTime> _changedAt = [];

    /// <summary>Jobs on this page that are new or changed state in the last few refreshes of the same URL.</summary>
    public IReadOnlySet<long> ChangedPandaIds { get; private set; } = new HashSet<long>();

    public DateTime? UpdatedUtc { get; private set; }

    /// <summary>The order of the error-code summary above the list.</summary>
    public TableOrder CodeOrder { get; private set; } = TableOrder.Default(JobErrorSort.Spec, MonitorUrls.JobsPath);

    /// <summary>Why the latest refresh failed (naming no data); the last good jobs stay shown.</summary>
    public string? Problem { get; private set; }

    /// <summary>
    /// Reads a new URL. The previous jobs stay available until the new URL's first snapshot replaces them.
    /// </summary>
    public void SetLocation(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        Parameters = url.Parameters;
        var result = parser.Parse(url.Values, time.GetUtcNow().UtcDateTime);
        var errors = new List<ParameterError>(result.Errors);
        CodeOrder = TableOrder.Read(JobErrorSort.Spec, url, errors);
        var sameSelection = url.Selection == _selection && errors.Count == 0 && Errors.Count == 0;
        (_selection, Errors) = (url.Selection, errors);
        if (sameSelection)
        {
            // Only the error codes' order changed: the jobs and summaries shown stay, re-sorted.
            return;
        }

        Query = errors.Count == 0 ? result.Query : null;
        Summary = null;
        Problem = null;
        ChangedPandaIds = new HashSet<long>();
        _changedAt.Clear();
        _previousForChanges = null;
        IsLoading = true;
    }

    private JobListPage? _previousForChanges;

    private string? _selection;

    public void Apply(LiveState<JobListSnapshot> state)
    {
        Problem = state.Problem;
        if (state.Value is not { } snapshot)
        {
            return;
        }

        Query = snapshot.Query with { SummaryByName = Query?.SummaryByName ?? false };
        if (!ReferenceEquals(snapshot.Page, Result))
        {
            var now = state.UpdatedUtc ?? DateTime.UtcNow;
            foreach (var changed in _previousForChanges is null ? [] : Changes(_previousForChanges, snapshot.Page))
            {
                _changedAt[changed] = now;
            }

            ChangedPandaIds = snapshot
                .Page.Jobs.Where(j => _changedAt.TryGetValue(j.PandaId, out var at) && now - at < ChangeMarkLifetime)
                .Select(j => j.PandaId)
                .ToHashSet();
            _previousForChanges = snapshot.Page;
            Result = snapshot.Page;
            UpdatedUtc = state.UpdatedUtc;
        }

        SummaryUtc = snapshot.SummaryUtc;
        Summary =
            snapshot.Summary is { } summary && Query.SummaryByName
                ? summary with
                {
                    Attributes = summary.Attributes.Select(SortedByName).ToList(),
                }
                : snapshot.Summary;
        IsLoading = false;
    }

    /// <summary>
    /// True from a new URL until its first page arrives (the previous page stays on screen meanwhile).
    /// </summary>
    public bool IsLoading { get; private set; } = true;

    private static HashSet<long> Changes(JobListPage before, JobListPage after)
    {
        var previous = before.Jobs.ToDictionary(j => j.PandaId, j => (j.JobStatus, j.ModificationTime));
        return after
            .Jobs.Where(j => !previous.TryGetValue(j.PandaId, out var old) || old != (j.JobStatus, j.ModificationTime))
            .Select(j => j.PandaId)
            .ToHashSet();
    }

    private static JobAttributeCounts SortedByName(JobAttributeCounts counts) =>
        counts with
        {
            Values = counts.Values.OrderBy(v => v.Value, StringComparer.OrdinalIgnoreCase).ToList(),
        };

    /// <summary>
    /// The jobs that failed with one error: its code, and only failed jobs, added to the current selection.
    /// </summary>
    public string ErrorUrl(JobErrorCount error) =>
        MonitorUrls.Jobs(
            new JobLink
            {
                Keeping = Parameters,
                Error = (error.CodeColumn, error.Code),
                JobStatus = DarkSide.Monitor.Panda.Db.PandaJobStatus.Failed,
            }
        );

    public string SummarySortUrl(bool byName) => FilterUrl(UrlParameter.SummarySort, byName ? "name" : null);

    public int PageCount =>
        Result is null || Query is null
            ? 0
            : (int)Math.Max(1, (Result.Total.Pageable + Query.DisplayLimit - 1) / Query.DisplayLimit);

    /// <summary>
    /// "1,234 jobs", or "~2,300,000 jobs (estimated)" when the count was too expensive to take exactly.
    /// </summary>
    public string TotalText => Result is { Total: var total } ? Total(total) : "";

    private static string Total(JobCount total)
    {
        var count = total.Value.ToString("N0", CultureInfo.InvariantCulture);
        var text =
            (total.IsEstimate ? "~" : "")
            + count
            + (total.AtLeast ? " or more" : "")
            + (total.Value == 1 && !total.AtLeast ? " job" : " jobs")
            + (total.IsEstimate ? " (estimated by the database planner)" : "");
        return total.LimitedTo is { } limit && limit < total.Value
            ? text + string.Create(CultureInfo.InvariantCulture, $"; limit={limit:N0} shows the first {limit:N0}")
            : text;
    }

    public string UpdatedText =>
        UpdatedUtc is { } updated
            ? "updated " + updated.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "";

    public string WindowText
    {
        get
        {
            if (Query is null)
            {
                return "";
            }

            var window = Query.Window;
            if (window.IsDeepQuery)
            {
                return "All of history (an ID filter lifts the time window)";
            }

            var range = $"modified {DisplayText.Range(window.FromUtc, window.ToUtc)} UTC";
            return window.AppliesToActiveTables ? range : range + ", and unfinished jobs of any age";
        }
    }

    /// <summary>This view's address with its parameters in a fixed order: one name per distinct view.</summary>
    public string ViewKey =>
        "/jobs"
        + QueryString.Create(
            Parameters
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))
        );

    /// <summary>Blind jobs on the current page shown with their names (only ever to a blind-access viewer).</summary>
    public int UnredactedBlindJobs => Result?.Jobs.Count(j => j.IsBlind && !j.IsRedacted) ?? 0;

    public string PageUrl(int page) => MonitorUrls.JobsPage(Parameters, page);

    public string FilterUrl(string parameter, string? value) => MonitorUrls.JobsWith(Parameters, parameter, value);

    /// <summary>The list sorted by one key; a second click on the current key reverses it.</summary>
    public string SortUrl(JobSortKey key)
    {
        var descending = Query?.Sort is { } sort && sort.Key == key ? !sort.Descending : true;
        return FilterUrl(UrlParameter.SortBy, JobSort.Format(key, descending));
    }

    /// <summary>"↓" or "↑" on the column the list is sorted by.</summary>
    public string SortMark(JobSortKey key) =>
        Query?.Sort is { } sort && sort.Key == key ? (sort.Descending ? "↓" : "↑") : "";

    public string PageSizeUrl(int size) =>
        FilterUrl(UrlParameter.DisplayLimit, size.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The same selection as CSV or as BigPanDA's JSON (all of it up to the export limit, not only this page).
    /// </summary>
    public string CsvUrl => MonitorUrls.JobsCsv(Parameters);

    public string JsonUrl => MonitorUrls.JobsJson(Parameters);
}
