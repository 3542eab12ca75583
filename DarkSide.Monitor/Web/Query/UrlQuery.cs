using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// The one URL → parameters reader, for pages (an address) and endpoints (a request) alike: the values as the
/// parsers take them (names compared without case, repeats kept so a parser can refuse them) and the parameters as
/// links carry them on (in the URL's order, names in lower case as BigPanDA reads them).
/// </summary>
public sealed class UrlQuery
{
    private UrlQuery(string path, string? queryString)
    {
        Path = path;
        var values = QueryHelpers.ParseQuery(queryString);
        Values = values;
        Parameters = values
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key.ToLowerInvariant(), v ?? "")))
            .ToList();
        PathSegments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToList();
    }

    /// <summary>The path as the address gives it (escaped), for links to the same page.</summary>
    public string Path { get; }

    public IReadOnlyDictionary<string, StringValues> Values { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>
    /// What the page reads from PanDA: the path and parameters without the orders of its second tables, which only
    /// reorder rows already read (<see cref="TableSortSpec.OrdersShownRows"/>).
    /// </summary>
    public string Selection =>
        Path
        + "?"
        + string.Join(
            "&",
            Parameters.Where(p => !TableSortSpec.OrdersShownRows(p.Key)).Select(p => $"{p.Key}={p.Value}")
        );

    /// <summary>The path's segments, unescaped: /job/123 gives "job", "123".</summary>
    public IReadOnlyList<string> PathSegments { get; }

    /// <summary>A page's address, as NavigationManager gives it.</summary>
    public static UrlQuery FromUri(string uri)
    {
        var parsed = new Uri(uri);
        return new(parsed.AbsolutePath, parsed.Query);
    }

    public static UrlQuery From(HttpRequest request) => new(request.Path.Value ?? "/", request.QueryString.Value);

    /// <summary>One parameter's value (repeats joined by ','), or null when absent.</summary>
    public string? this[string name] => Values.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>A path segment after the page's own (the 123 of /job/123), or else a query parameter's value.</summary>
    public string? IdFromPathOr(string parameter) => PathSegments.Count > 1 ? PathSegments[1] : this[parameter];

    /// <summary>
    /// The values without some parameters (e.g. those that only shape an export), as a new dictionary.
    /// </summary>
    public Dictionary<string, StringValues> Without(params string[] names) =>
        Values
            .Where(p => !names.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
}
