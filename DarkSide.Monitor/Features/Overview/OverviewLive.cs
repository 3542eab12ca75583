using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>The live overview: one refresh for every viewer with the same blind access.</summary>
public sealed class OverviewLive(
    LiveRefreshHub hub,
    OverviewRepository repository,
    LiveOptions options,
    TimeProvider time
)
{
    public IDisposable Subscribe(ViewerAccess viewer, Func<LiveState<OverviewSnapshot>, Task> onUpdate)
    {
        var feedViewer = viewer.ForSharedFeed("live overview");
        return hub.Subscribe<OverviewSnapshot>(
            viewer.CanSeeBlindData ? "blind" : "open",
            LiveIntervals.For(LiveView.Overview, options.RefreshSeconds),
            (_, ct) => RefreshAsync(feedViewer, ct),
            onUpdate
        );
    }

    private async IAsyncEnumerable<OverviewSnapshot> RefreshAsync(
        ViewerAccess viewer,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        yield return await repository.GetAsync(viewer, time.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
