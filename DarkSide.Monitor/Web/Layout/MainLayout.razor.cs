using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Preferences;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace DarkSide.Monitor.Web.Layout;

public partial class MainLayout
{
    private static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#4b3fb5", AppbarBackground = "#1d1b3a" },
        PaletteDark = new PaletteDark { Primary = "#8f84ff", AppbarBackground = "#141327" },
    };

    private MudThemeProvider? _themeProvider;

    // Once the viewer has chosen, the system preference (read asynchronously after the first render) must not undo it.
    private bool _viewerChoseTheme;

    [CascadingParameter]
    public ViewerPreferences Preferences { get; set; } = ViewerPreferences.None;

    [Inject]
    public required IJSRuntime JS { get; init; }

    private bool DrawerOpen { get; set; }

    private bool IsDarkMode { get; set; }

    private ChartTheme ChartColours => IsDarkMode ? DarkCharts : LightCharts;

    private static readonly ChartTheme LightCharts = ChartTheme.From(Theme, false);

    private static readonly ChartTheme DarkCharts = ChartTheme.From(Theme, true);

    protected override void OnInitialized()
    {
        if (Preferences.DarkMode is { } dark)
        {
            _viewerChoseTheme = true;
            IsDarkMode = dark;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _themeProvider is null || _viewerChoseTheme)
        {
            return;
        }

        var systemDark = await _themeProvider.GetSystemDarkModeAsync();
        if (!_viewerChoseTheme && systemDark != IsDarkMode)
        {
            IsDarkMode = systemDark;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => DrawerOpen = !DrawerOpen;

    private async Task ToggleTheme()
    {
        _viewerChoseTheme = true;
        IsDarkMode = !IsDarkMode;
        // Kept for the next page load and sign-in in this browser (a cookie the server reads before rendering).
        await JS.InvokeVoidAsync("dsmPreferences.set", ViewerPreferences.ThemeName, IsDarkMode ? "dark" : "light");
    }
}
