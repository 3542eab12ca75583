using System.Globalization;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Tasks;

/// <summary>
/// The task page's state: the task ID from /task/{id} or /task?jeditaskid=, drop mode (BigPanDA's default; mode=nodrop
/// shows every attempt), and the latest snapshot.
/// </summary>
public sealed class TaskViewModel
{
    public long? JediTaskId { get; private set; }

    public bool DropRetried { get; private set; } = true;

    public string? Error { get; private set; }

    public TaskPageSnapshot? Snapshot { get; private set; }

    public DateTime? UpdatedUtc { get; private set; }

    public string? Problem { get; private set; }

    public TaskDetail? Detail => Snapshot?.Detail;

    private string? _selection;

    public TableOrder CodeOrder { get; private set; } = TableOrder.Default(JobErrorSort.Spec, MonitorUrls.TasksPath);

    public TableOrder DatasetOrder { get; private set; } =
        TableOrder.Default(TaskTables.DatasetColumns.Spec, MonitorUrls.TasksPath);

    public TableOrder RetryOrder { get; private set; } =
        TableOrder.Default(TaskTables.RetryColumns.Spec, MonitorUrls.TasksPath);

    public TableOrder JobOrder { get; private set; } =
        TableOrder.Default(TaskTables.LatestJobColumns.Spec, MonitorUrls.TasksPath);

    public bool NotFound => Snapshot is { Detail: null };

    public void SetLocation(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        var text = url.IdFromPathOr(UrlParameter.JediTaskId) ?? "";
        if (url.Selection != _selection)
        {
            // Another task is another read; another order of this one's tables keeps it shown while it re-sorts.
            (Snapshot, Problem, _selection) = (null, null, url.Selection);
        }

        Error = null;
        JediTaskId =
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var task) && task > 0
                ? task
                : null;
        if (JediTaskId is null)
        {
            Error =
                text.Length == 0
                    ? "No task ID given; expected /task/<jeditaskid>, e.g. /task/30001234."
                    : $"'{text}' is not a task ID; expected a whole number (jeditaskid), e.g. /task/30001234.";
        }

        var sortErrors = new List<ParameterError>();
        CodeOrder = TableOrder.Read(JobErrorSort.Spec, url, sortErrors);
        DatasetOrder = TableOrder.Read(TaskTables.DatasetColumns.Spec, url, sortErrors);
        RetryOrder = TableOrder.Read(TaskTables.RetryColumns.Spec, url, sortErrors);
        JobOrder = TableOrder.Read(TaskTables.LatestJobColumns.Spec, url, sortErrors);
        if (sortErrors.Count > 0)
        {
            Error = string.Join(" ", sortErrors.Select(e => e.ToString()));
        }

        var mode = url[UrlParameter.Mode] ?? "drop";
        DropRetried = mode != "nodrop";
        if (mode is not ("drop" or "nodrop"))
        {
            Error =
                $"mode '{mode}' is not a retry mode; expected drop (hide jobs that were retried) or nodrop "
                + $"(show every attempt).";
        }
    }

    public void Apply(LiveState<TaskPageSnapshot> state)
    {
        Problem = state.Problem;
        if (state.Value is { } snapshot)
        {
            Snapshot = snapshot;
            UpdatedUtc = state.UpdatedUtc;
        }
    }

    public string UpdatedText =>
        UpdatedUtc is { } updated
            ? "updated " + updated.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "";

    private JobLink TaskJobs => new() { JediTaskId = JediTaskId!.Value, DropRetried = DropRetried };

    /// <summary>This task's jobs in one state (or all), in the page's retry mode.</summary>
    public string JobsUrl(string? jobStatus) => MonitorUrls.Jobs(TaskJobs with { JobStatus = jobStatus });

    /// <summary>The failed jobs of this task with one error.</summary>
    public string ErrorUrl(DarkSide.Monitor.Panda.JobTables.JobErrorCount error) =>
        MonitorUrls.Jobs(
            TaskJobs with
            {
                Error = (error.CodeColumn, error.Code),
                JobStatus = DarkSide.Monitor.Panda.Db.PandaJobStatus.Failed,
            }
        );

    public string ModeUrl(bool dropRetried) =>
        MonitorUrls.Task(JediTaskId!.Value) + (dropRetried ? "" : "?mode=nodrop");

    public string ErrorsUrl => MonitorUrls.Errors(new JobLink { JediTaskId = JediTaskId!.Value });
}
