using System.Globalization;
using System.Text;

namespace DarkSide.Monitor.Web;

/// <summary>
/// BigPanDA's state colours (core/static/css/state-colors.css, docs/bigpanda-compatibility.md, "State colours"): the
/// hues shifters read states by. One table for badges, chips and charts; <see cref="Css"/> writes the badge rules, each
/// with black or white text, whichever has the contrast WCAG asks of text (4.5:1) on that hue.
/// </summary>
public static class StateColours
{
    public static IReadOnlyDictionary<string, string> ByState { get; } =
        new Dictionary<string, string>
        {
            ["finished"] = "#207f20",
            ["done"] = "#207f20",
            ["online"] = "#207f20",
            ["failed"] = "#ff0000",
            ["aborted"] = "#ff0000",
            ["running"] = "#34a934",
            ["merging"] = "#34a934",
            ["transferring"] = "#34a934",
            ["starting"] = "#47d147",
            ["activated"] = "#3b8e67",
            ["assigned"] = "#099999",
            ["defined"] = "#2174bb",
            ["pending"] = "#deb900",
            ["waiting"] = "#deb900",
            ["sent"] = "#deb900",
            ["holding"] = "#ff9933",
            ["cancelled"] = "#e67300",
            ["closed"] = "#4a4a4a",
            ["paused"] = "#a9a9a9",
            ["skipped"] = "#a9a9a9",
            ["staging"] = "#934fff",
            ["broken"] = "#b22222",
            ["lost"] = "#b22222",
        };

    /// <summary>The state's hue, or null for a state BigPanDA gives none (e.g. a task's "ready").</summary>
    public static string? For(string? state) =>
        state is not null && ByState.TryGetValue(state, out var hex) ? hex : null;

    /// <summary>Black or white, whichever contrasts more with the hue.</summary>
    public static string TextOn(string hex) => Contrast(hex, "#000000") >= Contrast(hex, "#ffffff") ? "#000" : "#fff";

    /// <summary>WCAG 2 contrast ratio of two sRGB colours, 1 to 21.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>Badge rules for job and task states, and selected filter chips.</summary>
    public static string Css { get; } = BuildCss();

    private static string BuildCss()
    {
        var css = new StringBuilder();
        foreach (var (state, hex) in ByState)
        {
            css.Append(
                CultureInfo.InvariantCulture,
                $".jobstatus-{state},.taskstatus-{state}{{background:{hex};color:{TextOn(hex)}}}"
            );
        }

        return css.ToString();
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Channel(0) + 0.7152 * Channel(2) + 0.0722 * Channel(4);
    }
}
