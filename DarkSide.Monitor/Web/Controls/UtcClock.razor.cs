using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Web.Controls;

/// <summary>A ticking UTC clock, so times on screen can be read against "now" without converting.</summary>
public sealed partial class UtcClock : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override void OnInitialized() => _ = TickAsync();

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed with the circuit.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
