using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web.Filters;

/// <summary>How a page takes an absolute window: not at all, whole UTC days, or instants (a day or a time).</summary>
public enum FilterRange
{
    None,
    Days,
    Instants,
}

/// <summary>A text filter of the bar: its URL parameter (the /jobs grammar applies) and its label.</summary>
/// <param name="BlindOnly">Offered only to viewers with blind access (the parser refuses it to others).</param>
public sealed record FilterField(string Parameter, string Label, string? Placeholder = null, bool BlindOnly = false);

/// <summary>
/// What one page's filter bar offers: the fields it can filter on, its quick windows, whether it takes a date
/// range, and the status chips. The bar writes every choice into this page's URL.
/// </summary>
public sealed record FilterBarSpec
{
    public required string Path { get; init; }

    public IReadOnlyList<FilterField> Fields { get; init; } = [];

    /// <summary>The quick windows as "parameter=value" keys with labels; the default (no parameter) is "".</summary>
    public IReadOnlyList<(string Key, string Label)> Windows { get; init; } = FilterWindows.HoursAndDays;

    public FilterRange Range { get; init; } = FilterRange.Instants;

    /// <summary>What the page shows without a window parameter, e.g. "last 12 hours".</summary>
    public string DefaultWindowLabel { get; init; } = "";

    /// <summary>States offered as chips, written to <see cref="StatusParameter"/> joined by '|'.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    public string StatusParameter { get; init; } = UrlParameter.JobStatus;

    /// <summary>Every parameter the bar writes; the rest of the URL (sort, mode, …) is kept as it is.</summary>
    public IEnumerable<string> OwnParameters =>
        Fields
            .Select(f => f.Parameter)
            .Concat(FilterWindows.Parameters)
            .Concat(Statuses.Count > 0 ? [StatusParameter] : []);

    /// <summary>The fields this viewer may use.</summary>
    public IEnumerable<FilterField> FieldsFor(bool canSeeBlindData) =>
        Fields.Where(f => canSeeBlindData || !f.BlindOnly);
}

/// <summary>The quick windows pages offer: an hour to 90 days, as far and as fine as the page's data goes.</summary>
public static class FilterWindows
{
    public static readonly IReadOnlyList<string> Parameters =
    [
        UrlParameter.Hours,
        UrlParameter.Days,
        UrlParameter.DateFrom,
        UrlParameter.DateTo,
    ];

    /// <summary>Job tables and hourly rollups: from an hour to 90 days.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> HoursAndDays =
    [
        ("hours=1", "last hour"),
        ("hours=6", "last 6 hours"),
        ("hours=12", "last 12 hours"),
        ("hours=24", "last 24 hours"),
        ("days=3", "last 3 days"),
        ("days=7", "last 7 days"),
        ("days=14", "last 14 days"),
        ("days=30", "last 30 days"),
        ("days=90", "last 90 days"),
    ];

    /// <summary>Daily rollups and lists windowed in days: today up to 90 days.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Days =
    [
        ("days=1", "last day"),
        ("days=3", "last 3 days"),
        ("days=7", "last 7 days"),
        ("days=14", "last 14 days"),
        ("days=30", "last 30 days"),
        ("days=90", "last 90 days"),
    ];

    /// <summary>A default window's label: "last 12 hours", "last 7 days".</summary>
    public static string Label(int hours) =>
        hours % 24 == 0 && hours > 24 ? $"last {hours / 24} days" : $"last {hours} hours";
}
