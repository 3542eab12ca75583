using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace DarkSide.Monitor.Web;

/// <summary>
/// A page whose state is its URL and whose data is a live, shared refresh: it follows the URL through
/// LocationChanged (Blazor does not re-set parameters when only the query string changes), holds one subscription
/// for the current URL, ignores updates of an earlier URL, marshals updates with InvokeAsync, and can be paused.
/// </summary>
public abstract class LiveViewBase<T> : ComponentBase, IDisposable
    where T : class
{
    private IDisposable? _subscription;
    private long _generation;

    [Inject]
    public required IViewerAccessProvider Viewers { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required CircuitConnection Connection { get; init; }

    protected ViewerAccess Viewer { get; private set; } = null!;

    protected bool Paused { get; private set; }

    /// <summary>
    /// Reads the URL into the view model; false when it has errors (and there is nothing to subscribe to).
    /// </summary>
    protected abstract bool ReadLocation(string uri);

    /// <summary>Subscribes to the live data of the URL last read.</summary>
    protected abstract IDisposable Subscribe(Func<LiveState<T>, Task> onUpdate);

    /// <summary>Takes one update into the view model (already on the renderer's thread).</summary>
    protected abstract void Apply(LiveState<T> state);

    /// <summary>Runs after a new URL was read or an update applied and rendered, e.g. to reload a grid.</summary>
    protected virtual Task AfterChangeAsync() => Task.CompletedTask;

    protected override async Task OnInitializedAsync()
    {
        Viewer = await Viewers.GetViewerAsync(CancellationToken.None);
        Navigation.LocationChanged += OnLocationChanged;
        Connection.Changed += OnConnectionChanged;
        Follow(Navigation.Uri);
    }

    // A closed tab's circuit lives on for minutes; its feeds should not.
    private void OnConnectionChanged(bool connected) =>
        _ = InvokeAsync(() =>
        {
            if (!connected)
            {
                Unsubscribe();
            }
            else if (_subscription is null)
            {
                Follow(Navigation.Uri);
                StateHasChanged();
            }
        });

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            Follow(e.Location);
            StateHasChanged();
            await AfterChangeAsync();
        });

    private void Follow(string uri)
    {
        Unsubscribe();
        if (!ReadLocation(uri) || Paused)
        {
            return;
        }

        var generation = _generation;
        _subscription = Subscribe(state =>
            InvokeAsync(async () =>
            {
                if (generation != _generation)
                {
                    return;
                }

                Apply(state);
                StateHasChanged();
                await AfterChangeAsync();
            })
        );
    }

    private void Unsubscribe()
    {
        _subscription?.Dispose();
        _subscription = null;
        _generation++;
    }

    protected async Task SetPausedAsync(bool paused)
    {
        Paused = paused;
        if (paused)
        {
            Unsubscribe();
        }
        else
        {
            Follow(Navigation.Uri);
            await AfterChangeAsync();
        }
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        Connection.Changed -= OnConnectionChanged;
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
