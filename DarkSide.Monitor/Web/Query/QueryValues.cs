using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// The parameter vocabulary every view reads the same way: one value per name, whole numbers, dates and paging,
/// each with its range and a message naming the parameter.
/// </summary>
public static class QueryValues
{
    /// <summary>
    /// Parameters BigPanDA's clients send that change nothing here: cache busters. Accepted and ignored.
    /// </summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
    {
        "timestamp",
        "_",
    };

    /// <summary>
    /// The deepest row a page may start at: beyond it, paging costs the database more than narrowing does.
    /// </summary>
    public const int MaxPageOffset = 1_000_000;

    /// <summary>
    /// The dates a window may name: from 1970-01-01 (PanDA's "unset" placeholder; nothing it ran is older) up to, not
    /// including, 3000-01-01. Dates outside are refused by name here, so they never reach the database, which takes
    /// 0001-01-01 as -infinity and cannot bin a histogram from it.
    /// </summary>
    public static readonly DateTime EarliestDate = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <inheritdoc cref="EarliestDate"/>
    public static readonly DateTime DatesBefore = new(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mmZ",
        "yyyy-MM-ddTHH:mm:ssZ",
    ];

    /// <summary>
    /// Each parameter once, trimmed and without control characters; names in lower case. An empty value is an error
    /// unless <paramref name="keepEmpty"/> (a view whose filters explain emptiness themselves).
    /// </summary>
    public static Dictionary<string, string> ReadSingle(
        IReadOnlyDictionary<string, StringValues> query,
        List<ParameterError> errors,
        bool keepEmpty = false
    )
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in query.GroupBy(p => p.Key.ToLowerInvariant()).Where(g => !Ignored.Contains(g.Key)))
        {
            var all = group.SelectMany(p => p.Value).ToList();
            if (all.Count != 1)
            {
                errors.Add(
                    new(
                        group.Key,
                        $"is given {all.Count} times; give it once (more than once is ambiguous; use '|' to list "
                            + "several values)."
                    )
                );
                continue;
            }

            var value = all[0]?.Trim() ?? "";
            if (value.Length == 0 && !keepEmpty)
            {
                errors.Add(new(group.Key, "is empty; give a value or leave the parameter out."));
                continue;
            }

            if (ControlCharacter(group.Key, value, errors))
            {
                continue;
            }

            values[group.Key] = value;
        }

        return values;
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

    /// <summary>The parameter as a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static long? Whole(
        IReadOnlyDictionary<string, string> values,
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

    /// <summary>A UTC instant (a day, or a day and a time) in the accepted range.</summary>
    public static DateTime? Instant(
        IReadOnlyDictionary<string, string> values,
        string name,
        List<ParameterError> errors
    )
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        if (ParseInstant(value) is { } date)
        {
            return InDateRange(name, value, date, errors);
        }

        errors.Add(
            new(name, $"'{value}' is not a date; expected UTC as 2026-03-15, 2026-03-15T10:00 or 2026-03-15T10:00:00.")
        );
        return null;
    }

    /// <summary>A UTC instant in one of the accepted spellings (no range check), or null.</summary>
    public static DateTime? ParseInstant(string? text) =>
        DateTime.TryParseExact(
            text,
            InstantFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var date
        )
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : null;

    /// <summary>A whole UTC day in the accepted range, for views counted in days.</summary>
    public static DateTime? Day(IReadOnlyDictionary<string, string> values, string name, List<ParameterError> errors)
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return InDateRange(name, value, DateTime.SpecifyKind(day, DateTimeKind.Utc), errors);
        }

        errors.Add(
            new(name, $"'{value}' is not a date; expected a UTC day such as 2026-10-01 (this view counts whole days).")
        );
        return null;
    }

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

    public static bool TryParseLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
