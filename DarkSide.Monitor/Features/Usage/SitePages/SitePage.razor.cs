using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>One PanDA queue over a window: jobs per hour, running cores, top errors, links into the job list.</summary>
public sealed partial class SitePage
{
    [Parameter]
    public required string ComputingSite { get; set; }

    [Inject]
    public required SitesViewModel ViewModel { get; init; }

    [Inject]
    public required UsageLive Live { get; init; }

    protected override bool ReadLocation(string uri) => ViewModel.Read(uri);

    protected override IDisposable Subscribe(Func<LiveState<SiteReport>, Task> onUpdate) =>
        Live.SubscribeSite(ComputingSite, ViewModel.Window!, ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<SiteReport> state) => ViewModel.Apply(state);
}
