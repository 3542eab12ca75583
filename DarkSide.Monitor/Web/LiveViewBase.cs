using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Preferences;
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
    private DateTime? _appliedUtc;

    [Inject]
    public required IViewerAccessProvider Viewers { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required CircuitConnection Connection { get; init; }

    /// <summary>The viewer's refresh choice, shared by the circuit's live pages (cookie dsm-refresh).</summary>
    [CascadingParameter]
    public ViewerChoices? Choices { get; set; }

    protected ViewerAccess Viewer { get; private set; } = null!;

    protected bool Paused { get; private set; }

    protected LiveRefresh Refresh { get; private set; }

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
        Refresh = Choices?.Refresh ?? LiveRefresh.Live;
        Paused = Refresh == LiveRefresh.Off;
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
                if (generation != _generation || LiveThrottle.TooSoon(Refresh, _appliedUtc, state))
                {
                    return;
                }

                _appliedUtc = state.UpdatedUtc ?? _appliedUtc;
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
        _appliedUtc = null;
    }

    /// <summary>
    /// The viewer chose how often live pages refresh: this page and the circuit's next ones follow it.
    /// </summary>
    protected async Task SetRefreshAsync(LiveRefresh refresh)
    {
        Refresh = refresh;
        if (Choices is not null)
        {
            Choices.Refresh = refresh;
        }

        if ((refresh == LiveRefresh.Off) != Paused)
        {
            await SetPausedAsync(refresh == LiveRefresh.Off);
        }
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

/// <summary>
/// A viewer who chose "every 30 s" or "every minute" takes a new value only that often: the page is not rendered again,
/// and nothing is sent to the browser, for the feed's refreshes in between. A first value, or one after a problem,
/// always comes through.
/// </summary>
public static class LiveThrottle
{
    public static bool TooSoon<T>(LiveRefresh refresh, DateTime? appliedUtc, LiveState<T> state)
        where T : class
    {
        var every = refresh switch
        {
            LiveRefresh.Every30Seconds => TimeSpan.FromSeconds(30),
            LiveRefresh.EveryMinute => TimeSpan.FromMinutes(1),
            _ => TimeSpan.Zero,
        };
        return state is { Value: not null, Problem: null }
            && appliedUtc is { } applied
            && state.UpdatedUtc is { } updated
            && updated - applied < every;
    }
}
