using System.Globalization;
using System.Text.Json;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// BigPanDA's JSON conventions (docs/bigpanda-compatibility.md, "JSON"): dates as Python's isoformat() without a zone,
/// errors as {"error": "..."} with the status code, and the parameters its clients send that only shape the answer.
/// </summary>
public static class BigPandaJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>2024-11-07T07:21:20, with microseconds only when there are any (Python's isoformat()).</summary>
    public static string Time(DateTime time) =>
        time.ToString(
            time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.ffffff",
            CultureInfo.InvariantCulture
        );

    /// <summary>A column value as BigPanDA's DateEncoder writes it.</summary>
    public static object? Value(object? value) =>
        value switch
        {
            DateTime time => Time(time),
            _ => value,
        };

    public static IResult Error(int status, string message) =>
        TypedResults.Json(new { error = message }, Options, statusCode: status);

    /// <summary>A PandaID or jeditaskid from the address, or null with a 400 that says what is expected.</summary>
    public static long? Id(string text, string what, string example, out IResult? error)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            error = null;
            return id;
        }

        error = Error(
            StatusCodes.Status400BadRequest,
            $"'{text}' is not a {what}; expected a whole number such as {example}."
        );
        return null;
    }

    public static IResult Write(object value) => TypedResults.Json(value, Options);

    /// <summary>The request's parameters without those that only select or shape JSON (json, fields, outputs,
    /// ...).</summary>
    public static Dictionary<string, StringValues> Parameters(HttpContext context, params string[] shaping) =>
        UrlQuery.From(context.Request).Without([UrlParameter.Json, .. shaping]);

    /// <summary>A true/false parameter as BigPanDA's clients spell it (datasets=True, fulllist=true); null when
    /// absent.</summary>
    public static bool? Flag(HttpContext context, string name, List<ParameterError> errors)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return context.Request.Query.ContainsKey(name) ? true : null;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        errors.Add(new(name, $"'{text}' is not true or false."));
        return null;
    }

    /// <summary>A comma-separated list parameter whose every item must be one of <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string>? List(
        HttpContext context,
        string name,
        IReadOnlySet<string> allowed,
        List<ParameterError> errors
    )
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = items.Where(i => !allowed.Contains(i)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            // The unknown items once each (a few, shortened), then the allowed list once: the answer stays about the
            // size of the question, however many bad items a script sends.
            const int shown = 5;
            var named = string.Join(", ", unknown.Take(shown).Select(Shortened));
            var more = unknown.Count > shown ? $" and {unknown.Count - shown} more" : "";
            errors.Add(
                new(
                    name,
                    $"{named}{more} {(unknown.Count == 1 ? "is not one of" : "are none of")} "
                        + $"{string.Join(", ", allowed.Order(StringComparer.Ordinal))}."
                )
            );
        }

        return items;
    }

    private static string Shortened(string item) => $"'{(item.Length > 40 ? item[..40] + "…" : item)}'";

    public static string Describe(IEnumerable<ParameterError> errors) =>
        "This address has parameters that cannot be used: "
        + string.Join(" ", errors.Select(e => e + (e.Message.EndsWith('.') ? "" : ".")));
}
