using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Errors;

/// <summary>
/// The error summary of a window: by code, by site, user and task, and over time. Live like the job list.
/// </summary>
public sealed partial class Errors
{
    [Inject]
    public required ErrorsViewModel ViewModel { get; init; }

    [Inject]
    public required ErrorSummaryLive Live { get; init; }

    [Inject]
    public required ErrorViewOptions Options { get; init; }

    protected override bool ReadLocation(string uri)
    {
        ViewModel.SetLocation(uri);
        return ViewModel.Errors.Count == 0;
    }

    protected override IDisposable Subscribe(Func<LiveState<ErrorSnapshot>, Task> onUpdate) =>
        Live.Subscribe(ViewModel.Query!, ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<ErrorSnapshot> state) => ViewModel.Apply(state);
}
