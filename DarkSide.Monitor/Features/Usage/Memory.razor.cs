using DarkSide.Monitor.Features.Account;
using DarkSide.Monitor.Features.Audit;
using DarkSide.Monitor.Features.Errors;
using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Features.Tasks;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Pages;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>Whether memory requests fit reality: PSS per core against the request, over-request jobs, leak suspects.</summary>
public sealed partial class Memory
{
    [Inject]
    public required MemoryViewModel ViewModel { get; init; }

    [Inject]
    public required UsageLive Live { get; init; }

    protected override bool ReadLocation(string uri) => ViewModel.Read(uri);

    protected override IDisposable Subscribe(Func<LiveState<MemoryReport>, Task> onUpdate) => Live.SubscribeMemory(ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<MemoryReport> state) => ViewModel.Apply(state);
}
