using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// One refresh of a job list: the query as parsed at that moment, its page, and its summaries once read.
/// </summary>
public sealed record JobListSnapshot(JobQuery Query, JobListPage Page, JobSelectionSummary? Summary);

/// <summary>
/// Live job lists. Viewers of the same URL with the same blind access share one refresh loop; the time window is
/// re-read at every refresh, so "hours=12" keeps meaning the last 12 hours.
/// </summary>
public sealed class JobListLive(LiveRefreshHub hub, JobRepository repository, JobListOptions options, TimeProvider time)
{
    public IDisposable Subscribe(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<JobListSnapshot>, Task> onUpdate
    )
    {
        var (key, shared) = LiveParameters.SharedView(parameters, viewer);
        var feedViewer = viewer.ForSharedFeed("live job list");
        return hub.Subscribe<JobListSnapshot>(
            key,
            LiveIntervals.For(LiveView.JobList, options.RefreshSeconds),
            (previous, ct) => RefreshAsync(shared, feedViewer, previous, ct),
            onUpdate
        );
    }

    private async IAsyncEnumerable<JobListSnapshot> RefreshAsync(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        JobListSnapshot? previous,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var parsed = new JobQueryParser(options).Parse(
            LiveParameters.ToQuery(parameters),
            time.GetUtcNow().UtcDateTime
        );
        var query =
            parsed.Query
            ?? throw new InvalidOperationException("Job list parameters are validated before a live subscription.");
        var page = await repository.GetJobsAsync(query, viewer, cancellationToken);
        yield return new JobListSnapshot(query, page, previous?.Summary);
        var summary = await repository.GetSummaryAsync(query, viewer, cancellationToken);
        yield return new JobListSnapshot(query, page, summary);
    }
}
