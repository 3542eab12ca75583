using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Tasks;

public sealed record TaskListSnapshot(TaskQuery Query, TaskListPage Page);

/// <summary>One refresh of a task page; <see cref="Detail"/> is null when PanDA has no such task.</summary>
public sealed record TaskPageSnapshot(long JediTaskId, TaskDetail? Detail);

/// <summary>Live task lists and task pages, shared per distinct URL and blind access like the job lists.</summary>
public sealed class TaskLive(LiveRefreshHub hub, ITaskReader repository, LiveOptions options, TimeProvider time)
{
    private TimeSpan Interval => LiveIntervals.For(LiveView.Tasks, options.RefreshSeconds);

    /// <param name="query">The list's query as parsed once at navigation.</param>
    /// <param name="parameters">The same URL's parameters: viewers of equal parameters share a feed.</param>
    public IDisposable SubscribeList(
        TaskQuery query,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<TaskListSnapshot>, Task> onUpdate
    )
    {
        var key = LiveParameters.SharedKey(parameters, viewer);
        var feedViewer = viewer.ForSharedFeed("live task list");
        return hub.Subscribe<TaskListSnapshot>(
            key,
            Interval,
            (_, ct) => RefreshListAsync(query, feedViewer, ct),
            onUpdate
        );
    }

    public IDisposable SubscribeTask(
        long jediTaskId,
        bool dropRetried,
        ViewerAccess viewer,
        Func<LiveState<TaskPageSnapshot>, Task> onUpdate
    )
    {
        var key = $"{(viewer.CanSeeBlindData ? "blind" : "open")}|{jediTaskId}|{(dropRetried ? "drop" : "nodrop")}";
        var feedViewer = viewer.ForSharedFeed("live task page");
        return hub.Subscribe<TaskPageSnapshot>(
            key,
            Interval,
            (_, ct) => RefreshTaskAsync(jediTaskId, dropRetried, feedViewer, ct),
            onUpdate
        );
    }

    private async IAsyncEnumerable<TaskListSnapshot> RefreshListAsync(
        TaskQuery parsed,
        ViewerAccess viewer,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var valid = parsed.At(time.GetUtcNow().UtcDateTime);
        yield return new TaskListSnapshot(valid, await repository.GetTasksAsync(valid, viewer, cancellationToken));
    }

    private async IAsyncEnumerable<TaskPageSnapshot> RefreshTaskAsync(
        long jediTaskId,
        bool dropRetried,
        ViewerAccess viewer,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var detail = await repository.GetTaskAsync(
            jediTaskId,
            dropRetried,
            viewer,
            time.GetUtcNow().UtcDateTime,
            cancellationToken
        );
        yield return new TaskPageSnapshot(jediTaskId, detail);
    }
}
