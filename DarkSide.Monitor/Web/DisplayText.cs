using System.Globalization;

namespace DarkSide.Monitor.Web;

/// <summary>Small texts every page writes the same way.</summary>
public static class DisplayText
{
    /// <summary>
    /// The values a task has, joined by " · "; PanDA leaves many of them NULL (no stray separators then).
    /// </summary>
    public static string Facts(params string?[] values) =>
        string.Join(" · ", values.Where(v => !string.IsNullOrEmpty(v)));

    /// <summary>The same, after <paramref name="lead"/> when there is anything to show.</summary>
    public static string FactsAfter(string lead, params string?[] values) =>
        Facts(values) is { Length: > 0 } text ? lead + text : "";

    /// <summary>A modificationtime window as pages write it: "2026-06-14 12:00 – now" (UTC, to the minute).</summary>
    public static string Range(DateTime? fromUtc, DateTime? toUtc) =>
        (fromUtc?.ToString(Minute, CultureInfo.InvariantCulture) ?? "the first job")
        + " – "
        + (toUtc?.ToString(Minute, CultureInfo.InvariantCulture) ?? "now");

    private const string Minute = "yyyy-MM-dd HH:mm";

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
}
