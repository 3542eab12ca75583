namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// A view's time window as its URL gives it: a duration back from now (hours= or days=, or the view's default), a
/// fixed range (date_from/date_to, the end excluded), or all of history (a deep query). Each view turns it into the
/// window its repository takes.
/// </summary>
public sealed record TimeWindow
{
    /// <summary>The start; null for a deep query.</summary>
    public DateTime? FromUtc { get; init; }

    /// <summary>The end of a range, excluded; null when the window ends now.</summary>
    public DateTime? ToUtc { get; init; }

    /// <summary>A duration window's length: the window ends now, so it moves on with the clock.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The duration as the URL says it (or would say the default): hours or days, and how many.</summary>
    public string? DurationParameter { get; init; }

    public int DurationCount { get; init; }

    /// <summary>The URL names no window: the view's default (or, with an ID, a deep query).</summary>
    public bool IsDefault { get; init; }

    public bool IsDeep => FromUtc is null;

    public bool IsRange => !IsDeep && Duration is null;

    /// <summary>The same window as of a later instant: a duration slides with it, a range stays where it is.</summary>
    public TimeWindow At(DateTime nowUtc) => Duration is { } span ? this with { FromUtc = nowUtc - span } : this;

    public static TimeWindow Deep { get; } = new() { IsDefault = true };
}

/// <summary>
/// How one view takes its window: the default, whether hours= is a parameter, the longest duration and range, and
/// whether dates are instants or whole UTC days.
/// </summary>
public sealed record WindowPolicy
{
    /// <summary>The default duration's parameter (hours or days) and count.</summary>
    public required string DefaultParameter { get; init; }

    public required int DefaultCount { get; init; }

    public bool TakesHours { get; init; } = true;

    /// <summary>The longest duration, in days (hours= up to as many hours).</summary>
    public int MaxDays { get; init; } = 3650;

    /// <summary>The longest date range in days; null: any range of accepted dates.</summary>
    public int? MaxRangeDays { get; init; }

    /// <summary>Dates are UTC days (yyyy-MM-dd) and a range without date_to ends with today.</summary>
    public bool WholeDays { get; init; }

    public TimeSpan DefaultSpan => Span(DefaultParameter, DefaultCount);

    /// <summary>The URL parameters this policy reads: hours= (when taken), days=, date_from and date_to.</summary>
    public IReadOnlyList<string> Parameters =>
        TakesHours ? AllParameters : [UrlParameter.Days, UrlParameter.DateFrom, UrlParameter.DateTo];

    public static readonly IReadOnlyList<string> AllParameters =
    [
        UrlParameter.Hours,
        UrlParameter.Days,
        UrlParameter.DateFrom,
        UrlParameter.DateTo,
    ];

    public static WindowPolicy Hours(int count) =>
        new() { DefaultParameter = UrlParameter.Hours, DefaultCount = count };

    public static WindowPolicy Days(int count) => new() { DefaultParameter = UrlParameter.Days, DefaultCount = count };

    public static TimeSpan Span(string parameter, int count) =>
        parameter == UrlParameter.Hours ? TimeSpan.FromHours(count) : TimeSpan.FromDays(count);
}
