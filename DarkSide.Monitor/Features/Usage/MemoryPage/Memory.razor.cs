using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// Whether memory requests fit reality: PSS per core against the request, over-request jobs, leak suspects.
/// </summary>
public sealed partial class Memory
{
    [Inject]
    public required MemoryViewModel ViewModel { get; init; }

    [Inject]
    public required UsageLive Live { get; init; }

    protected override bool ReadLocation(string uri) => ViewModel.Read(uri);

    protected override IDisposable Subscribe(Func<LiveState<MemoryReport>, Task> onUpdate) =>
        Live.SubscribeMemory(ViewModel.Query!, ViewModel.Parameters, Viewer, onUpdate);

    protected override void Apply(LiveState<MemoryReport> state) => ViewModel.Apply(state);
}
