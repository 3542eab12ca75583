using System.Globalization;
using System.Text.RegularExpressions;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>A duration as Prometheus and Alertmanager configurations write it: a whole number, s, m, h or d.</summary>
public static partial class AlertDuration
{
    public const string Expected = "a duration such as 30s, 10m, 2h or 1d";

    [GeneratedRegex("^([0-9]{1,6})([smhd])$")]
    private static partial Regex Grammar();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = Grammar().Match(text ?? "");
        if (!match.Success)
        {
            return false;
        }

        var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        duration = match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(count),
            "m" => TimeSpan.FromMinutes(count),
            "h" => TimeSpan.FromHours(count),
            _ => TimeSpan.FromDays(count),
        };
        return true;
    }

    /// <summary>A validated setting's value (the startup check refused anything else).</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not {Expected}.");

    /// <summary>The shortest exact spelling: 90 min → "90m", 2 h → "2h".</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds % 86_400 == 0 && duration > TimeSpan.Zero ? $"{duration.TotalDays:0}d"
        : duration.TotalSeconds % 3600 == 0 && duration > TimeSpan.Zero ? $"{duration.TotalHours:0}h"
        : duration.TotalSeconds % 60 == 0 && duration > TimeSpan.Zero ? $"{duration.TotalMinutes:0}m"
        : $"{duration.TotalSeconds:0}s";
}
