using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Errors;

/// <summary>One error view as of one refresh.</summary>
public sealed record ErrorSnapshot(JobQuery Query, ErrorSummary Summary);

/// <summary>Live error views, shared like the job lists (one refresh per distinct URL and blind access).</summary>
public sealed class ErrorSummaryLive(
    LiveRefreshHub hub,
    IErrorSummaryReader repository,
    LiveOptions options,
    TimeProvider time
)
{
    /// <summary>The error view reads whole windows, so it refreshes less often than the job list.</summary>
    private TimeSpan Interval => LiveIntervals.For(LiveView.Errors, options.RefreshSeconds);

    /// <param name="query">The view's query as parsed once at navigation.</param>
    /// <param name="parameters">The view's parameters with an explicit time window: equal ones share a feed.</param>
    public IDisposable Subscribe(
        JobQuery query,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<ErrorSnapshot>, Task> onUpdate
    )
    {
        var key = LiveParameters.SharedKey(parameters, viewer);
        var feedViewer = viewer.ForSharedFeed("live error view");
        return hub.Subscribe<ErrorSnapshot>(key, Interval, (_, ct) => RefreshAsync(query, feedViewer, ct), onUpdate);
    }

    private async IAsyncEnumerable<ErrorSnapshot> RefreshAsync(
        JobQuery parsed,
        ViewerAccess viewer,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var query = parsed.At(time.GetUtcNow().UtcDateTime);
        yield return new ErrorSnapshot(query, await repository.GetAsync(query, viewer, cancellationToken));
    }
}
