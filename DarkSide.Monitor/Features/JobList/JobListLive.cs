using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// One refresh of a job list: the query as parsed at that moment, its page, and its summaries once read (as of
/// <see cref="SummaryUtc"/>, which may be a few refreshes older than the page).
/// </summary>
public sealed record JobListSnapshot(
    JobQuery Query,
    JobListPage Page,
    JobSelectionSummary? Summary,
    DateTime? SummaryUtc = null
);

/// <summary>
/// Live job lists. Viewers of the same URL with the same blind access share one refresh loop; the query parsed at
/// navigation is moved to each refresh's instant, so "hours=12" keeps meaning the last 12 hours.
/// </summary>
public sealed class JobListLive(LiveRefreshHub hub, IJobListReader repository, LiveOptions options, TimeProvider time)
{
    private TimeSpan SummaryInterval => LiveIntervals.For(LiveView.JobSummaries, options.RefreshSeconds);

    /// <param name="query">The URL's query as parsed once at navigation.</param>
    /// <param name="parameters">The same URL's parameters: viewers of equal parameters share a feed.</param>
    public IDisposable Subscribe(
        JobQuery query,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<JobListSnapshot>, Task> onUpdate
    )
    {
        var key = LiveParameters.SharedKey(parameters, viewer);
        var feedViewer = viewer.ForSharedFeed("live job list");
        return hub.Subscribe<JobListSnapshot>(
            key,
            LiveIntervals.For(LiveView.JobList, options.RefreshSeconds),
            (previous, ct) => RefreshAsync(query, feedViewer, previous, ct),
            onUpdate
        );
    }

    private async IAsyncEnumerable<JobListSnapshot> RefreshAsync(
        JobQuery parsed,
        ViewerAccess viewer,
        JobListSnapshot? previous,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        // Resolved once for the page and the summaries (the repository would otherwise resolve for each).
        var query = await repository.ResolveAsync(parsed.At(time.GetUtcNow().UtcDateTime), cancellationToken);
        var page = await repository.GetJobsAsync(query, viewer, cancellationToken);
        yield return new JobListSnapshot(query, page, previous?.Summary, previous?.SummaryUtc);
        // Summaries the rollups served cost a few milliseconds: they keep the rows' cadence. The others, read from
        // PanDA's tables alone, wait their own slower interval.
        var cheap = previous?.Summary?.RolledUpHours is not null;
        if (!cheap && previous?.SummaryUtc is { } summarised && query.AsOfUtc - summarised < SummaryInterval)
        {
            yield break;
        }

        var summary = await repository.GetSummaryAsync(query, viewer, cancellationToken);
        yield return new JobListSnapshot(query, page, summary, query.AsOfUtc);
    }
}
