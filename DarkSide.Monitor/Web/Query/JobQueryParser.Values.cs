using System.Globalization;

namespace DarkSide.Monitor.Web.Query;

/// <summary>Numbers, dates, lists and paging, each with its range and a message naming the parameter.</summary>
public sealed partial class JobQueryParser
{
    /// <summary>A page that starts past <see cref="MaxPageOffset"/> rows is refused, naming the parameter.</summary>
    public static void CheckPaging(long page, long displayLimit, string what, List<ParameterError> errors)
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
    public static bool ControlCharacter(string name, string value, List<ParameterError> errors)
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
        List<ParameterError> errors
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

    internal static DateTime? ParseDate(Dictionary<string, string> values, string name, List<ParameterError> errors)
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

        return InDateRange(name, value, DateTime.SpecifyKind(date, DateTimeKind.Utc), errors);
    }

    /// <summary>
    /// The dates a window may name: from 1970-01-01 (PanDA's "unset" placeholder; nothing it ran is older) up to, not
    /// including, 3000-01-01. Dates outside are refused by name here, so they never reach the database, which takes
    /// 0001-01-01 as -infinity and cannot bin a histogram from it.
    /// </summary>
    public static readonly DateTime EarliestDate = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <inheritdoc cref="EarliestDate"/>
    public static readonly DateTime DatesBefore = new(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary><paramref name="date"/> when <see cref="EarliestDate"/> ≤ it &lt; <see cref="DatesBefore"/>;
    /// otherwise null and an error naming the parameter and the range.</summary>
    public static DateTime? InDateRange(string name, string value, DateTime date, List<ParameterError> errors)
    {
        if (date >= EarliestDate && date < DatesBefore)
        {
            return date;
        }

        errors.Add(
            new(name, $"'{value}' is outside the dates accepted; expected a UTC date from 1970-01-01 to 2999-12-31.")
        );
        return null;
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
