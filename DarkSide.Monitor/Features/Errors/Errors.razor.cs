using DarkSide.Monitor.Features.Account;
using DarkSide.Monitor.Features.Audit;
using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Features.Tasks;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Pages;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Errors;

/// <summary>The error summary of a window: by code, by site, user and task, and over time. Live like the job list.</summary>
public sealed partial class Errors
{
    [Inject]
    public required ErrorsViewModel ViewModel { get; init; }

    [Inject]
    public required ErrorSummaryLive Live { get; init; }

    protected override bool ReadLocation(string uri)
    {
        ViewModel.SetLocation(uri);
        return ViewModel.Errors.Count == 0;
    }

    protected override IDisposable Subscribe(Func<LiveState<ErrorSnapshot>, Task> onUpdate) => Live.Subscribe(ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<ErrorSnapshot> state) => ViewModel.Apply(state);
}
