using System.Globalization;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>How the coordinator views write numbers: the same text in the HTML tables and in the CSV.</summary>
public static class UsageFormat
{
    public static string Number(decimal value) => value.ToString("N1", CultureInfo.InvariantCulture);

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>CSV: plain invariant numbers, no grouping, so spreadsheets read them as numbers.</summary>
    public static string Csv(decimal value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    public static string Csv(double? value) =>
        value is { } v ? Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture) : "";
}
