using DarkSide.Monitor.Access;
using DarkSide.Monitor.Components.Controls;
using DarkSide.Monitor.Jobs;
using DarkSide.Monitor.Live;
using DarkSide.Monitor.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace DarkSide.Monitor.Components.Pages;

/// <summary>
/// The live job list. The URL is the state: every filter, sort and page comes from the query string, and the page
/// follows it through LocationChanged (Blazor does not re-set parameters when only the query string changes).
/// Rows come from a live subscription shared with every other viewer of the same URL.
/// </summary>
public sealed partial class Jobs : IDisposable
{
    private JobTable? _table;
    private IDisposable? _subscription;
    private long _generation;
    private ViewerAccess? _viewer;

    [Inject]
    public required JobsViewModel ViewModel { get; init; }

    [Inject]
    public required JobListLive Live { get; init; }

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
        _ = InvokeAsync(async () =>
        {
            Follow(e.Location);
            StateHasChanged();
            await ReloadTableAsync();
        });

    /// <summary>Reads the URL and subscribes to its live snapshots; updates of an earlier URL are ignored.</summary>
    private void Follow(string uri)
    {
        _subscription?.Dispose();
        _subscription = null;
        var generation = ++_generation;
        ViewModel.SetLocation(uri);
        if (ViewModel.Errors.Count == 0 && !Paused)
        {
            _subscription = Live.Subscribe(ViewModel.Parameters, _viewer!, state => OnUpdateAsync(generation, state));
        }
    }

    private Task OnUpdateAsync(long generation, LiveState<JobListSnapshot> state) =>
        InvokeAsync(async () =>
        {
            if (generation != _generation)
            {
                return;
            }

            ViewModel.Apply(state);
            StateHasChanged();
            await ReloadTableAsync();
        });

    private Task ReloadTableAsync() => _table?.ReloadAsync() ?? Task.CompletedTask;

    private async Task SetPausedAsync(bool paused)
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
            await ReloadTableAsync();
        }
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _subscription?.Dispose();
    }
}
