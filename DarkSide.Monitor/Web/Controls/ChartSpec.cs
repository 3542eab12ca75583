namespace DarkSide.Monitor.Web.Controls;

public enum ChartAxis
{
    Category,
    Date,
    Linear,
}

/// <summary>One trace of a chart: bars or a line, with the unit its hover text states.</summary>
/// <param name="Colour">The trace's colour; null: the state colour if the name is a state, else Plotly's.</param>
public sealed record ChartSeries(
    string Name,
    IReadOnlyList<object> X,
    IReadOnlyList<double?> Y,
    bool Line = false,
    string? Colour = null
);

/// <summary>A vertical dashed line across the plot, e.g. the memory requested per core.</summary>
public sealed record ChartMarker(double X, string Label);

/// <summary>
/// Everything a coordinator chart draws, built by the view models so it is tested without a browser: axis titles
/// carry units, <see cref="YHover"/> is the d3 format of the exact value in the hover box.
/// </summary>
public sealed record ChartSpec(
    string Key,
    string XTitle,
    string YTitle,
    IReadOnlyList<ChartSeries> Series,
    bool Stacked = false,
    ChartAxis XAxis = ChartAxis.Category
)
{
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    public string YHover { get; init; } = ",.1f";

    public string YUnit { get; init; } = "";

    /// <summary>
    /// On a date axis, one bin's length: bars are that wide, and a chart of one or two bins still spans three (a
    /// one-hour window drew a single bar on a millisecond-wide axis).
    /// </summary>
    public TimeSpan? XBin { get; init; }

    /// <summary>The x range of a date axis of one or two bins: a bin either side; otherwise null (autorange).</summary>
    public (DateTime From, DateTime To)? XRange
    {
        get
        {
            var dates = Series.SelectMany(s => s.X).OfType<DateTime>().Distinct().Order().ToList();
            return XBin is { } bin && dates.Count is > 0 and <= 2 ? (dates[0] - bin, dates[^1] + bin) : null;
        }
    }

    public bool HasData => Series.Any(s => s.Y.Any(y => y is not null and not 0));

    /// <summary>A fingerprint of the drawn values: the chart redraws only when it changes.</summary>
    public string Signature =>
        string.Join("|", Series.Select(s => s.Name + ":" + string.Join(",", s.X) + ":" + string.Join(",", s.Y)))
        + "|"
        + string.Join(",", Markers)
        + "|"
        + XTitle
        + YTitle;
}

/// <summary>A range plotly.js reports on a date axis: its own "yyyy-MM-dd HH:mm:ss.fff" text, in UTC.</summary>
public static class ChartRange
{
    public static (DateTime From, DateTime To)? TryParse(string from, string to) =>
        Instant(from) is { } start && Instant(to) is { } end && start < end ? (start, end) : null;

    private static DateTime? Instant(string text) =>
        DateTime.TryParse(
            text,
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal,
            out var instant
        )
            ? instant
            : null;
}
