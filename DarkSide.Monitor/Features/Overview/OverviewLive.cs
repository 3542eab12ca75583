using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>The live overview: one refresh for every viewer with the same blind access and window.</summary>
public sealed class OverviewLive(
    LiveRefreshHub hub,
    OverviewRepository repository,
    LiveOptions options,
    TimeProvider time
)
{
    public IDisposable Subscribe(
        ViewerAccess viewer,
        OverviewQuery query,
        Func<LiveState<OverviewSnapshot>, Task> onUpdate
    )
    {
        var feedViewer = viewer.ForSharedFeed("live overview");
        return hub.Subscribe<OverviewSnapshot>(
            (viewer.CanSeeBlindData ? "blind|" : "open|") + query.FeedKey,
            LiveIntervals.For(LiveView.Overview, options.RefreshSeconds),
            (_, ct) => RefreshAsync(feedViewer, query, ct),
            onUpdate
        );
    }

    private async IAsyncEnumerable<OverviewSnapshot> RefreshAsync(
        ViewerAccess viewer,
        OverviewQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (from, to) = query.Bounds(now);
        yield return await repository.GetAsync(viewer, from, to, now, cancellationToken);
    }
}
