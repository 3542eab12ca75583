using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Job;

/// <summary>One refresh of a job page; <see cref="Detail"/> is null when PanDA has no such job.</summary>
public sealed record JobPageSnapshot(long PandaId, JobDetail? Detail, DateTime AsOfUtc);

/// <summary>
/// Live job pages, shared per job, blind access and admin role (admins also read parameters and metadata).
/// </summary>
public sealed class JobDetailLive(
    LiveRefreshHub hub,
    IJobDetailReader repository,
    LiveOptions options,
    TimeProvider time
)
{
    public IDisposable Subscribe(long pandaId, ViewerAccess viewer, Func<LiveState<JobPageSnapshot>, Task> onUpdate)
    {
        var key = $"{(viewer.CanSeeBlindData ? "blind" : "open")}|{(viewer.IsAdmin ? "admin" : "user")}|{pandaId}";
        var feedViewer = viewer.ForSharedFeed("live job page") with { IsAdmin = viewer.IsAdmin };
        return hub.Subscribe<JobPageSnapshot>(
            key,
            LiveIntervals.For(LiveView.Job, options.RefreshSeconds),
            (_, ct) => RefreshAsync(pandaId, feedViewer, ct),
            onUpdate
        );
    }

    private async IAsyncEnumerable<JobPageSnapshot> RefreshAsync(
        long pandaId,
        ViewerAccess viewer,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow().UtcDateTime;
        yield return new JobPageSnapshot(
            pandaId,
            await repository.GetAsync(pandaId, viewer, now, cancellationToken),
            now
        );
    }
}
