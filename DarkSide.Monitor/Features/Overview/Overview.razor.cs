using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// The shifter's start page: jobs per site and state, the day's failures, top errors and stalled jobs; live.
/// </summary>
public sealed partial class Overview
{
    [Inject]
    public required OverviewViewModel ViewModel { get; init; }

    [Inject]
    public required OverviewLive Live { get; init; }

    protected override bool ReadLocation(string uri) => true;

    protected override IDisposable Subscribe(Func<LiveState<OverviewSnapshot>, Task> onUpdate) =>
        Live.Subscribe(Viewer, onUpdate);

    protected override void Apply(LiveState<OverviewSnapshot> state) => ViewModel.Apply(state);
}
