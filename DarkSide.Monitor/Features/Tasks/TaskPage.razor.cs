using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Tasks;

/// <summary>
/// One task: header facts, its jobs by state (drop mode by default), errors, datasets and latest jobs.
/// </summary>
public sealed partial class TaskPage
{
    [Parameter]
    public string? JediTaskIdText { get; set; }

    [Inject]
    public required TaskViewModel ViewModel { get; init; }

    [Inject]
    public required TaskLive Live { get; init; }

    [Inject]
    public required IAuditRecorder Audit { get; init; }

    private long? _audited;

    protected override bool ReadLocation(string uri)
    {
        ViewModel.SetLocation(uri);
        return ViewModel.Error is null;
    }

    protected override IDisposable Subscribe(Func<LiveState<TaskPageSnapshot>, Task> onUpdate) =>
        Live.SubscribeTask(ViewModel.JediTaskId!.Value, ViewModel.DropRetried, Viewer, onUpdate);

    protected override void Apply(LiveState<TaskPageSnapshot> state)
    {
        ViewModel.Apply(state);
        // Once per task shown: a blind task's names, datasets and events reached a viewer unredacted.
        if (state.Value?.Detail?.Task is { IsBlind: true, IsRedacted: false } task && _audited != task.JediTaskId)
        {
            _audited = task.JediTaskId;
            _ = Audit.RecordAsync(
                new AuditEvent(
                    Viewer.Name,
                    Viewer.Subject,
                    AuditActions.BlindView,
                    "/task/" + task.JediTaskId,
                    "task page",
                    Connection.RemoteAddress
                ),
                CancellationToken.None
            );
        }
    }
}
