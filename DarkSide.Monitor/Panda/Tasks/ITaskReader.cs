using DarkSide.Monitor.Panda.Blinding;

namespace DarkSide.Monitor.Panda.Tasks;

/// <summary>The task list and one task's page for one viewer.</summary>
public interface ITaskReader
{
    Task<TaskListPage> GetTasksAsync(TaskQuery query, ViewerAccess viewer, CancellationToken cancellationToken);

    /// <returns>The task page's data, or null when PanDA has no task with this ID.</returns>
    Task<TaskDetail?> GetTaskAsync(
        long jediTaskId,
        bool dropRetried,
        ViewerAccess viewer,
        DateTime nowUtc,
        CancellationToken cancellationToken
    );
}
