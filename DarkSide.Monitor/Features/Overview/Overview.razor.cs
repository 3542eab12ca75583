using DarkSide.Monitor.Features.Account;
using DarkSide.Monitor.Features.Audit;
using DarkSide.Monitor.Features.Errors;
using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Features.Tasks;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Pages;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>The shifter's start page: jobs per site and state, the day's failures, top errors and stalled jobs; live.</summary>
public sealed partial class Overview
{
    [Inject]
    public required OverviewViewModel ViewModel { get; init; }

    [Inject]
    public required OverviewLive Live { get; init; }

    protected override bool ReadLocation(string uri) => true;

    protected override IDisposable Subscribe(Func<LiveState<OverviewSnapshot>, Task> onUpdate) => Live.Subscribe(Viewer, onUpdate);

    protected override void Apply(LiveState<OverviewSnapshot> state) => ViewModel.Apply(state);
}
