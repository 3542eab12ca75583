namespace DarkSide.Monitor.Web.Preferences;

/// <summary>
/// How often a live page takes new data: every refresh of its feed, at most every 30 s or 60 s, or not.
/// </summary>
public enum LiveRefresh
{
    Live,
    Every30Seconds,
    EveryMinute,
    Off,
}

/// <summary>
/// The viewer's display choices in this circuit: as the page request's cookies had them, then as the viewer changes
/// them. A panel made again (its list refreshed, a filter clicked) opens as the viewer left it; every live page of the
/// circuit refreshes as the viewer last chose.
/// </summary>
public sealed class ViewerChoices(ViewerPreferences preferences)
{
    private readonly Dictionary<string, bool> _changed = new(StringComparer.Ordinal);

    public LiveRefresh Refresh { get; set; } = preferences.Refresh;

    public bool IsOpen(string panel, bool byDefault) =>
        _changed.TryGetValue(panel, out var open) ? open : preferences.IsOpen(panel, byDefault);

    public void Set(string panel, bool open) => _changed[panel] = open;
}
