using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Tasks;

/// <summary>The task list (jedi_tasks) with progress from jedi_datasets and a task attribute summary.</summary>
public sealed partial class Tasks
{
    [Inject]
    public required TasksViewModel ViewModel { get; init; }

    [Inject]
    public required TaskLive Live { get; init; }

    protected override bool ReadLocation(string uri)
    {
        ViewModel.SetLocation(uri);
        return ViewModel.Errors.Count == 0;
    }

    protected override IDisposable Subscribe(Func<LiveState<TaskListSnapshot>, Task> onUpdate) =>
        Live.SubscribeList(ViewModel.Query!, ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<TaskListSnapshot> state) => ViewModel.Apply(state);

    /// <summary>Primary input files, and the finished and failed shares of them.</summary>
    private static string ProgressText(TaskProgress progress) =>
        $"{progress.Files:N0}, {DisplayText.Percent(progress.FinishedPercent)}, "
        + DisplayText.Percent(progress.FailedPercent);
}
