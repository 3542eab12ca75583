using DarkSide.Monitor.Access;
using DarkSide.Monitor.Errors;
using DarkSide.Monitor.Live;
using DarkSide.Monitor.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace DarkSide.Monitor.Components.Pages;

/// <summary>The error summary of a window: by code, by site, user and task, and over time. Live like the job list.</summary>
public sealed partial class Errors : IDisposable
{
    private IDisposable? _subscription;
    private long _generation;
    private ViewerAccess? _viewer;

    [Inject]
    public required ErrorsViewModel ViewModel { get; init; }

    [Inject]
    public required ErrorSummaryLive Live { get; init; }

    [Inject]
    public required IViewerAccessProvider Viewers { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private bool Paused { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _viewer = await Viewers.GetViewerAsync(CancellationToken.None);
        Navigation.LocationChanged += OnLocationChanged;
        Follow(Navigation.Uri);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) =>
        _ = InvokeAsync(() =>
        {
            Follow(e.Location);
            StateHasChanged();
        });

    private void Follow(string uri)
    {
        _subscription?.Dispose();
        _subscription = null;
        var generation = ++_generation;
        ViewModel.SetLocation(uri);
        if (ViewModel.Errors.Count == 0 && !Paused)
        {
            _subscription = Live.Subscribe(ViewModel.Parameters, _viewer!, state => InvokeAsync(() =>
            {
                if (generation == _generation)
                {
                    ViewModel.Apply(state);
                    StateHasChanged();
                }
            }));
        }
    }

    private void SetPaused(bool paused)
    {
        Paused = paused;
        if (paused)
        {
            _subscription?.Dispose();
            _subscription = null;
            _generation++;
        }
        else
        {
            Follow(Navigation.Uri);
        }
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _subscription?.Dispose();
    }
}
