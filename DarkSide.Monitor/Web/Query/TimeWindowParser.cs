using System.Globalization;

namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// The one reader of hours=, days=, date_from and date_to, for every view under its <see cref="WindowPolicy"/>:
/// each mistake gets the same message naming the parameter wherever it is made.
/// </summary>
public static class TimeWindowParser
{
    /// <summary>
    /// The window, or null with the errors added. Without any window parameter the view's default applies, or all of
    /// history when <paramref name="liftsWindow"/> (BigPanDA's deep query: an indexed ID searches everywhere).
    /// </summary>
    public static TimeWindow? Parse(
        IReadOnlyDictionary<string, string> values,
        WindowPolicy policy,
        DateTime nowUtc,
        List<ParameterError> errors,
        bool liftsWindow = false
    )
    {
        var before = errors.Count;
        var hours = policy.TakesHours
            ? QueryValues.Whole(values, UrlParameter.Hours, 1, policy.MaxDays * 24L, errors)
            : null;
        var days = QueryValues.Whole(values, UrlParameter.Days, 1, policy.MaxDays, errors);
        var from = Date(values, UrlParameter.DateFrom, policy, errors);
        var to = Date(values, UrlParameter.DateTo, policy, errors);
        var hasHours = policy.TakesHours && values.ContainsKey(UrlParameter.Hours);
        var hasDays = values.ContainsKey(UrlParameter.Days);
        var hasFrom = values.ContainsKey(UrlParameter.DateFrom);
        var hasTo = values.ContainsKey(UrlParameter.DateTo);
        if (hasHours && hasDays)
        {
            errors.Add(new(UrlParameter.Days, "cannot be combined with hours; give one of them."));
            return null;
        }

        if ((hasHours || hasDays) && (hasFrom || hasTo))
        {
            var unit = hasHours ? UrlParameter.Hours : UrlParameter.Days;
            errors.Add(
                new(unit, $"cannot be combined with date_from/date_to; give either a number of {unit} or a date range.")
            );
            return null;
        }

        if (errors.Count > before)
        {
            return null;
        }

        if (hasFrom || hasTo)
        {
            return Range(from, to, policy, nowUtc, errors, hasTo);
        }

        if (!hasHours && !hasDays && liftsWindow)
        {
            return TimeWindow.Deep;
        }

        var (parameter, count) =
            hours is { } h ? (UrlParameter.Hours, (int)h)
            : days is { } d ? (UrlParameter.Days, (int)d)
            : (policy.DefaultParameter, policy.DefaultCount);
        var span = WindowPolicy.Span(parameter, count);
        return new TimeWindow
        {
            FromUtc = nowUtc - span,
            Duration = span,
            DurationParameter = parameter,
            DurationCount = count,
            IsDefault = !hasHours && !hasDays,
        };
    }

    private static DateTime? Date(
        IReadOnlyDictionary<string, string> values,
        string name,
        WindowPolicy policy,
        List<ParameterError> errors
    ) => policy.WholeDays ? QueryValues.Day(values, name, errors) : QueryValues.Instant(values, name, errors);

    private static TimeWindow? Range(
        DateTime? from,
        DateTime? to,
        WindowPolicy policy,
        DateTime nowUtc,
        List<ParameterError> errors,
        bool hasTo
    )
    {
        // Whole days: without date_to the range ends with today, fixed; instants: it ends now, open.
        var end = to ?? (policy.WholeDays ? nowUtc.Date.AddDays(1) : nowUtc);
        var start = from ?? end - policy.DefaultSpan;
        var format = policy.WholeDays ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss";
        var (first, last) = (
            start.ToString(format, CultureInfo.InvariantCulture),
            end.ToString(format, CultureInfo.InvariantCulture)
        );
        if (start >= end)
        {
            var note = policy.WholeDays ? "date_to is the first day not counted" : "UTC";
            errors.Add(
                new(
                    UrlParameter.DateFrom,
                    $"{first} is not before date_to {last}; expected date_from < date_to ({note})."
                )
            );
            return null;
        }

        if (policy.MaxRangeDays is { } max && (end - start).TotalDays > max)
        {
            errors.Add(
                new(
                    hasTo ? UrlParameter.DateTo : UrlParameter.DateFrom,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"the range {first} to {last} is {(end - start).TotalDays:N0} days; expected at most {max}."
                    )
                )
            );
            return null;
        }

        return new TimeWindow { FromUtc = start, ToUtc = policy.WholeDays ? end : to };
    }
}
