using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// The shifter's start page: sites ranked by failure over a window, its top errors and stalled jobs; live.
/// </summary>
public sealed partial class Overview
{
    [Inject]
    public required OverviewViewModel ViewModel { get; init; }

    [Inject]
    public required OverviewLive Live { get; init; }

    protected override bool ReadLocation(string uri) => ViewModel.Read(uri);

    protected override IDisposable Subscribe(Func<LiveState<OverviewSnapshot>, Task> onUpdate) =>
        Live.Subscribe(Viewer, ViewModel.Query!, onUpdate);

    protected override void Apply(LiveState<OverviewSnapshot> state) => ViewModel.Apply(state);
}
