using MudBlazor;
using MudBlazor.Utilities;

namespace DarkSide.Monitor.Web.Controls;

/// <summary>
/// The colours a chart takes from the MudBlazor theme in force: its text, grid lines and (opaque, so an exported PNG
/// has one) background. Cascaded by the layout; a chart redraws when the viewer switches theme.
/// </summary>
public sealed record ChartTheme(bool Dark, string Text, string SecondaryText, string Grid, string Background)
{
    public static ChartTheme From(MudTheme theme, bool dark)
    {
        Palette palette = dark ? theme.PaletteDark : theme.PaletteLight;
        return new ChartTheme(
            dark,
            Rgba(palette.TextPrimary),
            Rgba(palette.TextSecondary),
            Rgba(palette.LinesDefault),
            Rgba(palette.Surface)
        );
    }

    public static ChartTheme Light { get; } = From(new MudTheme(), false);

    private static string Rgba(MudColor colour) => colour.ToString(MudColorOutputFormats.RGBA);
}
