namespace DarkSide.Monitor.Web.Preferences;

/// <summary>
/// How the viewer last left the display: theme and collapsed panels, from the cookies that preferences.js writes.
/// Read on the page request and handed to the circuit, so the first render already honours them.
/// </summary>
public sealed record ViewerPreferences(bool? DarkMode, IReadOnlyList<string> ClosedPanels)
{
    /// <summary>Panels the viewer opened that are folded unless opened (the job list's summaries).</summary>
    public IReadOnlyList<string> OpenPanels { get; init; } = [];

    /// <summary>How often live pages take new data (cookie dsm-refresh).</summary>
    public LiveRefresh Refresh { get; init; } = LiveRefresh.Live;

    public const string CookiePrefix = "dsm-";
    public const string ThemeName = "theme";
    public const string OpenPrefix = "open-";
    public const string RefreshName = "refresh";

    /// <summary>The cookie values of <see cref="LiveRefresh"/>, as preferences.js writes them.</summary>
    public static readonly IReadOnlyDictionary<LiveRefresh, string> RefreshValues = new Dictionary<LiveRefresh, string>
    {
        [LiveRefresh.Live] = "live",
        [LiveRefresh.Every30Seconds] = "30",
        [LiveRefresh.EveryMinute] = "60",
        [LiveRefresh.Off] = "off",
    };

    public static ViewerPreferences None { get; } = new(null, []);

    /// <summary>Only the values preferences.js writes are taken; anything else is as if unset.</summary>
    public static ViewerPreferences From(IEnumerable<KeyValuePair<string, string>> cookies)
    {
        bool? dark = null;
        var (closed, open) = (new List<string>(), new List<string>());
        var refresh = LiveRefresh.Live;
        foreach (var (name, value) in cookies)
        {
            if (!name.StartsWith(CookiePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = name[CookiePrefix.Length..];
            if (key == ThemeName)
            {
                dark = value switch
                {
                    "dark" => true,
                    "light" => false,
                    _ => null,
                };
            }
            else if (
                key == RefreshName
                && RefreshValues.FirstOrDefault(r => r.Value == value) is { Value: not null } chosen
            )
            {
                refresh = chosen.Key;
            }
            else if (key.StartsWith(OpenPrefix, StringComparison.Ordinal) && value is "closed" or "open")
            {
                var panel = key[OpenPrefix.Length..];
                if (panel.Length is > 0 and <= 40 && panel.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    (value == "closed" ? closed : open).Add(panel);
                }
            }
        }

        return new ViewerPreferences(dark, closed) { OpenPanels = open, Refresh = refresh };
    }

    /// <summary>Whether a panel is open: as the viewer left it, else as the page has it by default.</summary>
    public bool IsOpen(string panel, bool byDefault = true) =>
        ClosedPanels.Contains(panel) ? false
        : OpenPanels.Contains(panel) ? true
        : byDefault;
}
