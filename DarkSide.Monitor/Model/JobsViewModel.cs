using System.Globalization;
using DarkSide.Monitor.Access;
using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Jobs;
using DarkSide.Monitor.Jobs.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Model;

/// <summary>
/// The job list's state: the URL's parameters, what they parse to, and the page of jobs they select.
/// Plain class, so parsing, paging and the texts are tested without rendering.
/// </summary>
public sealed class JobsViewModel(JobRepository repository, IViewerAccessProvider viewers, JobListOptions options, TimeProvider time)
{
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public IReadOnlyList<JobQueryError> Errors { get; private set; } = [];

    public JobQuery? Query { get; private set; }

    public JobListPage? Result { get; private set; }

    public ViewerAccess? Viewer { get; private set; }

    /// <summary>The attribute and error summaries; loaded after the page, because they read the whole selection.</summary>
    public JobSelectionSummary? Summary { get; private set; }

    public async Task LoadAsync(string uri, CancellationToken cancellationToken)
    {
        var query = new Uri(uri).Query;
        var parsed = QueryHelpers.ParseQuery(query);
        Parameters = parsed.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        var result = new JobQueryParser(options).Parse(parsed, time.GetUtcNow().UtcDateTime);
        Errors = result.Errors;
        Query = result.Query;
        Result = null;
        Summary = null;
        if (Query is null)
        {
            return;
        }

        Viewer = await viewers.GetViewerAsync(cancellationToken);
        Result = await repository.GetJobsAsync(Query, Viewer, cancellationToken);
    }

    public async Task LoadSummaryAsync(CancellationToken cancellationToken)
    {
        if (Query is not null && Viewer is not null)
        {
            var summary = await repository.GetSummaryAsync(Query, Viewer, cancellationToken);
            Summary = Query.SummaryByName ? summary with { Attributes = summary.Attributes.Select(SortedByName).ToList() } : summary;
        }
    }

    private static JobAttributeCounts SortedByName(JobAttributeCounts counts) =>
        counts with { Values = counts.Values.OrderBy(v => v.Value, StringComparer.OrdinalIgnoreCase).ToList() };

    /// <summary>The jobs that failed with one error: its code, and only failed jobs, added to the current selection.</summary>
    public string ErrorUrl(JobErrorCount error) =>
        MonitorUrls.JobsWith(Parameters, (error.CodeColumn, error.Code.ToString(CultureInfo.InvariantCulture)), ("jobstatus", "failed"));

    public string SummarySortUrl(bool byName) => FilterUrl("summarysort", byName ? "name" : null);

    public int PageCount => Result is null || Query is null ? 0 : (int)Math.Max(1, (Result.Total.Pageable + Query.DisplayLimit - 1) / Query.DisplayLimit);

    /// <summary>"1,234 jobs", or "~2,300,000 jobs (estimated)" when the count was too expensive to take exactly.</summary>
    public string TotalText => Result is not { Total: var total } ? "" :
        string.Create(CultureInfo.InvariantCulture, $"{(total.IsEstimate ? "~" : "")}{total.Value:N0} {(total.Value == 1 ? "job" : "jobs")}{(total.IsEstimate ? " (estimated by the database planner)" : "")}")
        + (total.LimitedTo is { } limit && limit < total.Value ? string.Create(CultureInfo.InvariantCulture, $"; limit={limit:N0} shows the first {limit:N0}") : "");

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

            var range = string.Create(CultureInfo.InvariantCulture, $"Modified {window.FromUtc:yyyy-MM-dd HH:mm} – {(window.ToUtc is { } to ? to.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "now")} UTC");
            return window.AppliesToActiveTables ? range : range + "; jobs not yet finished are shown whatever their age";
        }
    }

    public string PageUrl(int page) => MonitorUrls.JobsPage(Parameters, page);

    public string FilterUrl(string parameter, string? value) => MonitorUrls.JobsWith(Parameters, parameter, value);
}
