using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// 30-day usage for the monthly report: per site per day, and tables by site, user, working group, transformation,
/// activity.
/// </summary>
public sealed partial class Usage
{
    [Inject]
    public required UsageViewModel ViewModel { get; init; }

    [Inject]
    public required UsageLive Live { get; init; }

    protected override bool ReadLocation(string uri) => ViewModel.Read(uri);

    protected override IDisposable Subscribe(Func<LiveState<UsageReport>, Task> onUpdate) =>
        Live.SubscribeUsage(ViewModel.Query!, ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<UsageReport> state) => ViewModel.Apply(state);
}
