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

    /// <summary>
    /// A window exactly as counted, Grafana-style: "2026-12-07 01:32 → 07:32 UTC (6 h)"; the end's date is written
    /// only when it is another day.
    /// </summary>
    public static string ExactRange(DateTime fromUtc, DateTime toUtc) =>
        fromUtc.ToString(Minute, CultureInfo.InvariantCulture)
        + " → "
        + toUtc.ToString(toUtc.Date == fromUtc.Date ? "HH:mm" : Minute, CultureInfo.InvariantCulture)
        + " UTC ("
        + Length(toUtc - fromUtc)
        + ")";

    /// <summary>A length in its two largest units: "6 h 38 min", "2 d 3 h", "45 min", "40 s".</summary>
    public static string Length(TimeSpan span)
    {
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days} d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} h");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes} min");
        }

        if (parts.Count == 0)
        {
            parts.Add($"{Math.Max(0, span.Seconds)} s");
        }

        return string.Join(" ", parts.Take(2));
    }

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
}
