using System.Globalization;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>Numbers, dates, lists and paging, each with its range and a message naming the parameter.</summary>
public sealed partial class JobQueryParser
{
    /// <summary>A page that starts past <see cref="MaxPageOffset"/> rows is refused, naming the parameter.</summary>
    public static void CheckPaging(long page, long displayLimit, string what, List<JobQueryError> errors)
    {
        if ((page - 1) * displayLimit > MaxPageOffset)
        {
            errors.Add(
                new(
                    UrlParameter.Page,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{page} starts past the first {MaxPageOffset:N0} {what} ({displayLimit} per page); "
                            + $"narrow the selection or reverse the sort."
                    )
                )
            );
        }
    }

    /// <summary>
    /// Control characters (NUL, tab, line breaks, ...) are never part of a PanDA value: refused, naming the parameter.
    /// </summary>
    public static bool ControlCharacter(string name, string value, List<JobQueryError> errors)
    {
        foreach (var character in value.Where(char.IsControl))
        {
            errors.Add(
                new(
                    name,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"contains the control character U+{(int)character:X4}; expected printable text."
                    )
                )
            );
            return true;
        }

        return false;
    }

    internal static long? ParseWhole(
        Dictionary<string, string> values,
        string name,
        long min,
        long max,
        List<JobQueryError> errors
    )
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        if (!TryParseLong(value, out var number) || number < min || number > max)
        {
            var range = max == long.MaxValue || max == int.MaxValue ? $"≥ {min}" : $"from {min} to {max}";
            errors.Add(new(name, $"'{value}' is not valid; expected a whole number {range}."));
            return null;
        }

        return number;
    }

    internal static DateTime? ParseDate(Dictionary<string, string> values, string name, List<JobQueryError> errors)
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        if (
            !DateTime.TryParseExact(
                value,
                DateFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var date
            )
        )
        {
            errors.Add(
                new(
                    name,
                    $"'{value}' is not a date; expected UTC as 2026-03-15, 2026-03-15T10:00 or 2026-03-15T10:00:00."
                )
            );
            return null;
        }

        return DateTime.SpecifyKind(date, DateTimeKind.Utc);
    }

    private static List<long>? ParseNumberList(string value)
    {
        var result = new List<long>();
        foreach (var part in value.Split('|', ','))
        {
            if (!TryParseLong(part.Trim(), out var number))
            {
                return null;
            }

            result.Add(number);
        }

        return result.Distinct().ToList();
    }

    private static bool TryParseLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
