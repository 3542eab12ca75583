using MudBlazor;

namespace DarkSide.Monitor.Components.Layout;

public partial class MainLayout
{
    private static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#4b3fb5", AppbarBackground = "#1d1b3a" },
        PaletteDark = new PaletteDark { Primary = "#8f84ff", AppbarBackground = "#141327" },
    };

    private bool DrawerOpen { get; set; } = true;

    private bool IsDarkMode { get; set; }

    private void ToggleDrawer() => DrawerOpen = !DrawerOpen;

    private void ToggleTheme() => IsDarkMode = !IsDarkMode;
}
