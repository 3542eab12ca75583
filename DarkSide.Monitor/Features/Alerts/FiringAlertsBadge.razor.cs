using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>Subscribes to the one shared count of firing alerts; updates arrive through InvokeAsync.</summary>
public sealed partial class FiringAlertsBadge
{
    private IDisposable? _subscription;
    private int? _firing;

    [Inject]
    public required AlertsLive Live { get; init; }

    private string Title =>
        _firing switch
        {
            null => "Alerts",
            0 => "Alerts: none firing",
            1 => "Alerts: 1 firing",
            var n => $"Alerts: {n} firing",
        };

    protected override void OnInitialized() =>
        _subscription = Live.SubscribeFiring(state =>
            InvokeAsync(() =>
            {
                if (state.Value is { } count && count.Firing != _firing)
                {
                    _firing = count.Firing;
                    StateHasChanged();
                }
            })
        );

    public void Dispose() => _subscription?.Dispose();
}
