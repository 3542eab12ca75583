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

    private bool DrawerOpen { get; set; } = true;

    private bool IsDarkMode { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _themeProvider is null)
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

    private void ToggleTheme()
    {
        _viewerChoseTheme = true;
        IsDarkMode = !IsDarkMode;
    }
}
