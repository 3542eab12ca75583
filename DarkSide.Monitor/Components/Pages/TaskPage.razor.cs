using DarkSide.Monitor.Live;
using DarkSide.Monitor.Model;
using DarkSide.Monitor.Tasks;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Components.Pages;

/// <summary>One task: header facts, its jobs by state (drop mode by default), errors, datasets and latest jobs.</summary>
public sealed partial class TaskPage
{
    [Parameter]
    public string? JediTaskIdText { get; set; }

    [Inject]
    public required TaskViewModel ViewModel { get; init; }

    [Inject]
    public required TaskLive Live { get; init; }

    protected override bool ReadLocation(string uri)
    {
        ViewModel.SetLocation(uri);
        return ViewModel.Error is null;
    }

    protected override IDisposable Subscribe(Func<LiveState<TaskPageSnapshot>, Task> onUpdate) =>
        Live.SubscribeTask(ViewModel.JediTaskId!.Value, ViewModel.DropRetried, Viewer, onUpdate);

    protected override void Apply(LiveState<TaskPageSnapshot> state) => ViewModel.Apply(state);
}
