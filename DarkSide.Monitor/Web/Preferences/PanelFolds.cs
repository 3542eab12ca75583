namespace DarkSide.Monitor.Web.Preferences;

/// <summary>
/// Which remembered panels are open in this circuit: as the page request's cookies had them, then as the viewer
/// folds and unfolds them. A panel made again (its list refreshed, a filter clicked) opens as the viewer left it.
/// </summary>
public sealed class PanelFolds(ViewerPreferences preferences)
{
    private readonly Dictionary<string, bool> _changed = new(StringComparer.Ordinal);

    public bool IsOpen(string panel, bool byDefault) =>
        _changed.TryGetValue(panel, out var open) ? open : preferences.IsOpen(panel, byDefault);

    public void Set(string panel, bool open) => _changed[panel] = open;
}
