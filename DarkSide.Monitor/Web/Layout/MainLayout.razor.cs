using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Preferences;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace DarkSide.Monitor.Web.Layout;

public partial class MainLayout
{
    /// <summary>What features put in the top bar.</summary>
    [Inject]
    public required TopBarItems TopBar { get; init; }

    // Every text colour reaches WCAG AA (4.5:1) on its background in both modes; MudBlazor's defaults do not
    // (secondary text, success and warning chips, the error red on white).
    private static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4b3fb5",
            AppbarBackground = "#1d1b3a",
            TextSecondary = "rgba(0,0,0,0.66)",
            Error = "#c62828",
            Success = "#2e7d32",
            Warning = "#a35200",
            Info = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a79fff",
            AppbarBackground = "#141327",
            Background = "#17171f",
            Surface = "#1f1f2b",
            TextPrimary = "rgba(255,255,255,0.90)",
            TextSecondary = "rgba(255,255,255,0.72)",
            Error = "#ff7b7b",
            Success = "#66bb6a",
            Warning = "#ffb74d",
            Info = "#64b5f6",
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            TableStriped = "rgba(255,255,255,0.04)",
            TableHover = "rgba(255,255,255,0.08)",
            ErrorContrastText = "rgba(0,0,0,0.87)",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            WarningContrastText = "rgba(0,0,0,0.87)",
            InfoContrastText = "rgba(0,0,0,0.87)",
        },
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

    /// <summary>preferences.js, the module App.razor loads, imported for its cookie setter.</summary>
    private IJSObjectReference? _preferences;

    private async Task ToggleTheme()
    {
        _viewerChoseTheme = true;
        IsDarkMode = !IsDarkMode;
        // Kept for the next page load and sign-in in this browser (a cookie the server reads before rendering).
        _preferences ??= await JS.InvokeAsync<IJSObjectReference>("import", "./" + Assets["js/preferences.js"]);
        await _preferences.InvokeVoidAsync("set", ViewerPreferences.ThemeName, IsDarkMode ? "dark" : "light");
    }
}
