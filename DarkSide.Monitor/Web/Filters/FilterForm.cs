using System.Globalization;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web.Filters;

/// <summary>
/// A filter bar as a plain object: read from the URL's parameters, written back as a URL of the same page that keeps
/// every parameter the bar does not own (paging restarts). Values are kept as typed, so a field the parser refused
/// still shows what was wrong.
/// </summary>
public sealed class FilterForm
{
    public const string RangeWindow = "range";

    /// <summary>Calendar months, as date_from (and date_to) of whole UTC days.</summary>
    public const string ThisMonth = "month=this";

    public const string PreviousMonth = "month=previous";

    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    private FilterForm(FilterBarSpec spec, DateTime todayUtc) => (Spec, Today) = (spec, todayUtc.Date);

    private DateTime Today { get; }

    private DateTime MonthStart => new(Today.Year, Today.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public FilterBarSpec Spec { get; }

    /// <summary>"" (the page's default), a quick window's key ("hours=6"), or <see cref="RangeWindow"/>.</summary>
    public string Window { get; set; } = "";

    /// <summary>date_from and date_to, used when <see cref="Window"/> is <see cref="RangeWindow"/>.</summary>
    public string? DateFrom { get; set; }

    public string? DateTo { get; set; }

    public IReadOnlyList<string> Statuses { get; private init; } = [];

    /// <summary>A field's text, by its URL parameter.</summary>
    public string? this[string parameter]
    {
        get => _values.GetValueOrDefault(parameter);
        set => _values[parameter] = value;
    }

    public static FilterForm From(
        FilterBarSpec spec,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        DateTime todayUtc
    )
    {
        string? Get(string name) =>
            parameters.LastOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        var window =
            Get(UrlParameter.DateFrom) is not null || Get(UrlParameter.DateTo) is not null ? RangeWindow
            : Get(UrlParameter.Hours) is { } hours ? UrlParameter.Hours + "=" + hours
            : Get(UrlParameter.Days) is { } days ? UrlParameter.Days + "=" + days
            : "";
        var form = new FilterForm(spec, todayUtc)
        {
            Window = window,
            DateFrom = Get(UrlParameter.DateFrom),
            DateTo = Get(UrlParameter.DateTo),
            Statuses =
                spec.Statuses.Count == 0
                    ? []
                    : Get(spec.StatusParameter)?.Split('|', ',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList()
                        ?? [],
        };
        foreach (var field in spec.Fields)
        {
            form[field.Parameter] = Get(field.Parameter);
        }

        if (window == RangeWindow)
        {
            // A month picked here comes back as its dates: shown as the month again.
            form.Window =
                form.Months.FirstOrDefault(m => (m.From, m.To) == (form.DateFrom, form.DateTo)).Key ?? RangeWindow;
        }

        return form;
    }

    /// <summary>This month (from its first day, up to now) and the previous one, on views that take dates.</summary>
    private IEnumerable<(string Key, string Label, string From, string? To)> Months =>
        Spec.Range == FilterRange.None
            ? []
            :
            [
                (ThisMonth, $"this month ({Name(MonthStart)})", Day(MonthStart), null),
                (
                    PreviousMonth,
                    $"previous month ({Name(MonthStart.AddMonths(-1))})",
                    Day(MonthStart.AddMonths(-1)),
                    Day(MonthStart)
                ),
            ];

    private static string Name(DateTime month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The quick windows and months, plus the URL's own hours= or days= when it is not one of them.</summary>
    public IEnumerable<(string Key, string Label)> WindowChoices
    {
        get
        {
            var choices = Spec.Windows.Concat(Months.Select(m => (m.Key, m.Label))).ToList();
            return Window is { Length: > 0 } current && current != RangeWindow && choices.All(w => w.Key != current)
                ? choices.Prepend((current, current.Replace("=", " ", StringComparison.Ordinal)))
                : choices;
        }
    }

    /// <summary>The page with this form's window and fields; other parameters stay.</summary>
    public string ToUrl(IReadOnlyList<KeyValuePair<string, string>> current)
    {
        var changes = Spec.Fields.Select(f => (f.Parameter, Blank(this[f.Parameter]))).ToList();
        changes.AddRange(FilterWindows.Parameters.Select(p => (p, (string?)null)));
        if (Window == RangeWindow)
        {
            changes.Add((UrlParameter.DateFrom, Blank(DateFrom)));
            changes.Add((UrlParameter.DateTo, Blank(DateTo)));
        }
        else if (Months.FirstOrDefault(m => m.Key == Window) is { Key: not null } month)
        {
            changes.Add((UrlParameter.DateFrom, month.From));
            changes.Add((UrlParameter.DateTo, month.To));
        }
        else if (Window.Split('=') is [var name, var value])
        {
            changes.Add((name, value));
        }

        return MonitorUrls.WithChanges(Spec.Path, current, [.. changes]);
    }

    /// <summary>The page with one status added to or removed from the status filter.</summary>
    public string ToggleStatusUrl(IReadOnlyList<KeyValuePair<string, string>> current, string status)
    {
        var next = Statuses.Contains(status) ? Statuses.Where(s => s != status).ToList() : [.. Statuses, status];
        var value = next.Count == 0 ? null : string.Join("|", next);
        return MonitorUrls.WithChanges(Spec.Path, current, (Spec.StatusParameter, value));
    }

    /// <summary>
    /// The days a calendar shows for the range: date_to is the first instant not counted, so a range ending at
    /// midnight shows the day before as its last.
    /// </summary>
    public (DateTime? First, DateTime? Last) CalendarDays
    {
        get
        {
            var first = Instant(DateFrom)?.Date;
            var last = Instant(DateTo) is { } to
                ? (to.TimeOfDay == TimeSpan.Zero ? to.AddDays(-1) : to).Date
                : (DateTime?)null;
            return (first, last);
        }
    }

    /// <summary>Takes days picked on a calendar, both counted whole: date_to becomes the day after the last.</summary>
    public void SetCalendarDays(DateTime? first, DateTime? last)
    {
        Window = RangeWindow;
        DateFrom = first?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        DateTo = last?.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    // The URL's dates read as every view's window parser reads them.
    private static DateTime? Instant(string? text) => QueryValues.ParseInstant(text);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
