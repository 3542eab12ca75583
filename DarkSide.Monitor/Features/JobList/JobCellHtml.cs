using System.Globalization;
using System.Text.Encodings.Web;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The job table's HTML pieces: every value that goes into a row is encoded here, and only here.
/// </summary>
public static class JobCellHtml
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Cell(string column, string content) => $"""<td class="{column}">{content}</td>""";

    public static string Link(string href, string text, string? cssClass = null, string? title = null)
    {
        var css = cssClass is null ? "" : $"""class="{cssClass}" """;
        var tooltip = title is null ? "" : $"""title="{Attr(title)}" """;
        return $"""<a {css}{tooltip}href="{Attr(href)}">{Text(text)}</a>""";
    }

    /// <summary>Text content, encoded.</summary>
    public static string Text(string? value) => Html.Encode(value ?? "");

    /// <summary>An attribute's value, encoded (quotes included).</summary>
    public static string Attr(string? value) => Html.Encode(value ?? "");

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Month, day and time in the cell; the year in its tooltip.</summary>
    /// <summary>
    /// A time of this year as "MM-dd HH:mm:ss"; of another year with its year ("2024-11-07 07:21"), so an old job is
    /// not read as this year's. The whole time is in the tooltip.
    /// </summary>
    public static string Time(DateTime time, DateTime asOfUtc) =>
        $"""<span title="{time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}">"""
        + time.ToString(time.Year == asOfUtc.Year ? "MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        + "</span>";

    public static long UnixSeconds(DateTime utc) =>
        (long)(DateTime.SpecifyKind(utc, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>
    /// A fixed time as its d:h:m:s text; one that still counts as the instant it counts from, which clock-cells.js
    /// turns into a ticking text. The markup of a running job then stays the same from refresh to refresh, and a
    /// refresh that changed nothing sends nothing for it.
    /// </summary>
    public static string ClockCell(string column, TimeSpan value, DateTime? countingFrom) =>
        countingFrom is { } from
            ? $"""<td class="{column}" data-counting-from="{Number(UnixSeconds(from))}"></td>"""
            : Cell(column, Panda.JobTables.JobTiming.FormatDhms(value));
}
