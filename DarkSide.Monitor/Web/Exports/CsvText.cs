using System.Globalization;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>CSV lines for every export.</summary>
public static class CsvText
{
    /// <summary>
    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field a spreadsheet would run
    /// as a formula (=, +, -, @, tab or CR first, and not a number) starts with an apostrophe, so it stays text.
    /// </summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Cell));

    private static string Cell(string? field)
    {
        if (field is null)
        {
            return "";
        }

        if (
            field.Length > 0
            && "=+-@\t\r".Contains(field[0])
            && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        )
        {
            field = "'" + field;
        }

        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
