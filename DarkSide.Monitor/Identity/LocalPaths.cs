namespace DarkSide.Monitor.Identity;

/// <summary>Where sign-in may send a browser back to: only paths on this monitor.</summary>
public static class LocalPaths
{
    /// <summary>
    /// Whether a redirect target stays on this site. Browsers ignore tabs and line breaks in a URL and read a
    /// backslash as a slash, so "/\t/evil.example" and "/\\evil.example" mean "//evil.example": another host.
    /// </summary>
    public static bool IsLocal(string? path) =>
        path is { Length: > 0 }
        && path[0] == '/'
        && (path.Length == 1 || path[1] != '/')
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Any(char.IsControl);
}
