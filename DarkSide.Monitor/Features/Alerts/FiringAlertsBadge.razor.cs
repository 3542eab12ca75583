using DarkSide.Monitor.Panda.Blinding;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>Subscribes to the count of firing alerts the viewer may see; updates arrive through InvokeAsync.</summary>
public sealed partial class FiringAlertsBadge
{
    private IDisposable? _subscription;
    private bool _disposed;
    private int? _firing;

    [Inject]
    public required AlertsLive Live { get; init; }

    [Inject]
    public required IViewerAccessProvider Viewers { get; init; }

    private string Title =>
        _firing switch
        {
            null => "Alerts",
            0 => "Alerts: none firing",
            1 => "Alerts: 1 firing",
            var n => $"Alerts: {n} firing",
        };

    protected override async Task OnInitializedAsync()
    {
        var viewer = await Viewers.GetViewerAsync(CancellationToken.None);
        if (_disposed)
        {
            return;
        }

        _subscription = Live.SubscribeFiring(
            viewer,
            state =>
                InvokeAsync(() =>
                {
                    if (state.Value is { } count && count.Firing != _firing)
                    {
                        _firing = count.Firing;
                        StateHasChanged();
                    }
                })
        );
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}
