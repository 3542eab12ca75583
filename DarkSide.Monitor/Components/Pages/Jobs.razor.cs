using System.Globalization;
using DarkSide.Monitor.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Npgsql;

namespace DarkSide.Monitor.Components.Pages;

/// <summary>
/// The job list. The URL is the state: every filter, sort and page comes from the query string. Blazor does not
/// re-set parameters when only the query string changes, so the page reloads on LocationChanged.
/// </summary>
public sealed partial class Jobs : IDisposable
{
    private CancellationTokenSource? _loading;

    [Inject]
    public required JobsViewModel ViewModel { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<Jobs> Logger { get; init; }

    private string? LoadFailed { get; set; }

    /// <summary>True while a new URL's jobs load; the previous page stays on screen until they arrive.</summary>
    private bool Loading { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        await LoadAsync(Navigation.Uri);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            Loading = true;
            StateHasChanged();
            await LoadAsync(e.Location);
            Loading = false;
            StateHasChanged();
        });

    private async Task LoadAsync(string uri)
    {
        _loading?.Cancel();
        _loading?.Dispose();
        var loading = _loading = new CancellationTokenSource();
        LoadFailed = null;
        try
        {
            await ViewModel.LoadAsync(uri, loading.Token);

            // The page is ready before the summaries, which read the whole selection.
            StateHasChanged();
            await ViewModel.LoadSummaryAsync(loading.Token);
        }
        catch (OperationCanceledException) when (loading.IsCancellationRequested)
        {
            // A newer URL replaced this one.
        }
        catch (NpgsqlException e)
        {
            // The message names no data, only that the database could not answer; details go to the server log.
            Logger.LogError(e, "Job list query failed");
            LoadFailed = "The PanDA database did not answer this query. Try again, or narrow the selection (e.g. hours=12).";
        }
    }

    private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _loading?.Cancel();
        _loading?.Dispose();
    }
}
