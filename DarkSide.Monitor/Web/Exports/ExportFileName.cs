using System.Globalization;
using System.Text;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>
/// Download names that say what a file holds: the view, its table, the window's UTC bounds and the filters, so two
/// exports of one view never share a name ("darkside-jobs_20261207T0132-20261207T0732_computingsite-CNAF.csv").
/// </summary>
public static class ExportFileName
{
    private const int MaxLength = 180;

    public static string For(
        string view,
        DateTime? fromUtc,
        DateTime? toUtc,
        IEnumerable<KeyValuePair<string, string>> filters,
        string extension = "csv"
    )
    {
        var name = new StringBuilder("darkside-").Append(view);
        if (fromUtc is not null || toUtc is not null)
        {
            name.Append('_').Append(Stamp(fromUtc) ?? "start").Append('-').Append(Stamp(toUtc) ?? "now");
        }

        foreach (var (key, value) in filters)
        {
            name.Append('_').Append(Safe(key)).Append('-').Append(Safe(value));
        }

        var text = name.Length > MaxLength ? name.ToString(0, MaxLength) : name.ToString();
        return text + "." + extension;
    }

    private static string? Stamp(DateTime? utc) =>
        utc?.ToString(
            utc.Value.TimeOfDay == TimeSpan.Zero ? "yyyyMMdd" : "yyyyMMdd'T'HHmm",
            CultureInfo.InvariantCulture
        );

    /// <summary>
    /// Letters, digits, '.', '-' and '_' as they are; anything else (quotes, slashes, '|', '*') as '~'.
    /// </summary>
    private static string Safe(string value) =>
        new(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '~').ToArray());
}
