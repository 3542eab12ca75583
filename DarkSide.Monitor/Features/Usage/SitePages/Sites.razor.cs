using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// Every PanDA queue: its schedconfig status, what runs and waits there now, and what ended in the window.
/// </summary>
public sealed partial class Sites
{
    [Inject]
    public required SitesViewModel ViewModel { get; init; }

    [Inject]
    public required UsageLive Live { get; init; }

    protected override bool ReadLocation(string uri) => ViewModel.Read(uri);

    protected override IDisposable Subscribe(Func<LiveState<SitesReport>, Task> onUpdate) =>
        Live.SubscribeSites(ViewModel.Window!, ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<SitesReport> state) => ViewModel.Apply(state);
}
