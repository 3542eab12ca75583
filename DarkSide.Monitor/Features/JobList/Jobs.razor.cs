using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The live job list. Every filter, sort and page comes from the query string; rows come from a live subscription
/// shared with every other viewer of the same URL.
/// </summary>
public sealed partial class Jobs
{
    [Inject]
    public required JobsViewModel ViewModel { get; init; }

    [Inject]
    public required JobListLive Live { get; init; }

    [Inject]
    public required JobListOptions Options { get; init; }

    protected override bool ReadLocation(string uri)
    {
        ViewModel.SetLocation(uri);
        return ViewModel.Errors.Count == 0;
    }

    protected override IDisposable Subscribe(Func<LiveState<JobListSnapshot>, Task> onUpdate) =>
        Live.Subscribe(ViewModel.Query!, ViewModel.Parameters, Viewer, onUpdate);

    [Inject]
    public required BlindListAudit BlindListAudit { get; init; }

    protected override void Apply(LiveState<JobListSnapshot> state)
    {
        ViewModel.Apply(state);
        _ = BlindListAudit.SeenAsync(
            Viewer,
            ViewModel.ViewKey,
            ViewModel.UnredactedBlindJobs,
            Connection.RemoteAddress
        );
    }
}
