using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Errors;

/// <summary>
/// The error view's state: the URL's parameters (the job list's grammar, with a default window of
/// JobList:ErrorsDefaultHours), their parse, the latest snapshot, and the job-list links behind every number.
/// </summary>
public sealed class ErrorsViewModel(JobQueryParser parser, ErrorViewOptions options, TimeProvider time)
{
    /// <summary>
    /// The URL's parameters, plus hours= when it has no window, so links to job lists keep this window.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    /// <summary>The URL's parameters as given, for the filter bar (whose default window is no parameter).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UrlParameters { get; private set; } = [];

    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public JobQuery? Query { get; private set; }

    /// <summary>The order of the site, user and task tables.</summary>
    public TableSort Sort { get; private set; } = ErrorGroupSort.Spec.Default;

    public ErrorSummary? Summary { get; private set; }

    public DateTime? UpdatedUtc { get; private set; }

    public string? Problem { get; private set; }

    private string? _selection;

    /// <summary>The order of the error-code table (the group tables follow sortby=).</summary>
    public TableOrder CodeOrder { get; private set; } = TableOrder.Default(JobErrorSort.Spec, MonitorUrls.ErrorsPath);

    public void SetLocation(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        UrlParameters = url.Parameters;
        var read = ErrorViewQuery.Read(url, parser, options, time.GetUtcNow().UtcDateTime);
        Parameters = read.Parameters;
        var errors = new List<ParameterError>(read.Result.Errors);
        Sort = ErrorGroupSort.Parse(url[UrlParameter.SortBy], errors);
        CodeOrder = TableOrder.Read(JobErrorSort.Spec, url, errors);
        Errors = errors;
        Query = read.Result.Query;
        if (url.Selection != _selection || errors.Count > 0)
        {
            // Another selection is another count; another order of this one's tables keeps the rows to re-sort.
            (Summary, Problem, _selection) = (null, null, url.Selection);
        }
    }

    public void Apply(LiveState<ErrorSnapshot> state)
    {
        Problem = state.Problem;
        if (state.Value is { } snapshot)
        {
            Query = snapshot.Query;
            Summary = snapshot.Summary;
            UpdatedUtc = state.UpdatedUtc;
        }
    }

    public string UpdatedText =>
        UpdatedUtc is { } updated
            ? "updated " + updated.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "";

    public string WindowText =>
        Query?.Window is { FromUtc: { } from } window
            ? "Failed and holding jobs modified "
                + (
                    (window.ToUtc ?? UpdatedUtc) is { } to
                        ? DisplayText.ExactRange(from, to)
                        : DisplayText.Range(from, null) + " UTC"
                )
            : "Failed and holding jobs of all of history (an ID filter lifts the time window)";

    /// <summary>The failed jobs with one error, in this view's window and filters.</summary>
    public string ErrorUrl(JobErrorCount error) =>
        MonitorUrls.Jobs(
            new JobLink
            {
                Keeping = Parameters,
                Error = (error.CodeColumn, error.Code),
                JobStatus = PandaJobStatus.Failed,
            }
        );

    /// <summary>
    /// The jobs of one site, user or task in one state (or all states), in this view's window and filters.
    /// </summary>
    public string GroupUrl(string parameter, string? value, string? jobStatus) =>
        MonitorUrls.Jobs(
            new JobLink
            {
                Keeping = Parameters.Where(p => p.Key != UrlParameter.JobStatus).ToList(),
                Filters = [new(parameter, JobLink.Value(value))],
                JobStatus = jobStatus,
            }
        );

    /// <summary>The same error view narrowed to one site, user or task.</summary>
    public string NarrowUrl(string parameter, string? value) =>
        MonitorUrls.Errors(new JobLink { Keeping = Parameters, Filters = [new(parameter, JobLink.Value(value))] });

    /// <summary>This view over a range selected on its time chart.</summary>
    public string RangeUrl(DateTime fromUtc, DateTime toUtc) =>
        MonitorUrls.WindowRange(MonitorUrls.ErrorsPath, UrlParameters, fromUtc, toUtc, wholeDays: false);

    /// <summary>One of the page's tables as CSV (code, site, user or task), with the page's own parameters.</summary>
    public string CsvUrl(string table) =>
        MonitorUrls.With(
            MonitorUrls.ErrorsPath + "/csv",
            UrlParameters.Where(p => p.Key != UrlParameter.Table).Append(new(UrlParameter.Table, table))
        );

    /// <summary>The groups of one table in the URL's order.</summary>
    public IReadOnlyList<ErrorGroup> Sorted(IReadOnlyList<ErrorGroup> groups) => ErrorGroupSort.Sorted(groups, Sort);

    public string SortUrl(string key) =>
        MonitorUrls.With(
            MonitorUrls.ErrorsPath,
            UrlParameters,
            UrlParameter.SortBy,
            ErrorGroupSort.Spec.Next(Sort, key).ToString()
        );

    public string SortMark(string key) => TableSortSpec.Mark(Sort, key);

    public static string Percent(double? percent) =>
        percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
