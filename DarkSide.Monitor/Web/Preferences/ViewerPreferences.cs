namespace DarkSide.Monitor.Web.Preferences;

/// <summary>
/// How the viewer last left the display: theme and collapsed panels, from the cookies that preferences.js writes.
/// Read on the page request and handed to the circuit, so the first render already honours them.
/// </summary>
public sealed record ViewerPreferences(bool? DarkMode, IReadOnlyList<string> ClosedPanels)
{
    public const string CookiePrefix = "dsm-";
    public const string ThemeName = "theme";
    public const string OpenPrefix = "open-";

    public static ViewerPreferences None { get; } = new(null, []);

    /// <summary>Only the values preferences.js writes are taken; anything else is as if unset.</summary>
    public static ViewerPreferences From(IEnumerable<KeyValuePair<string, string>> cookies)
    {
        bool? dark = null;
        var closed = new List<string>();
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
            else if (key.StartsWith(OpenPrefix, StringComparison.Ordinal) && value == "closed")
            {
                var panel = key[OpenPrefix.Length..];
                if (panel.Length is > 0 and <= 40 && panel.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    closed.Add(panel);
                }
            }
        }

        return new ViewerPreferences(dark, closed);
    }

    public bool IsOpen(string panel) => !ClosedPanels.Contains(panel);
}
