using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Web.Live;

/// <summary>How a live view's URL parameters become its shared refresh key and its parser's input.</summary>
public static class LiveParameters
{
    /// <summary>
    /// What makes two viewers' views the same: the parameters in a stable order, and whether blind values are shown.
    /// summarysort only reorders what is shown, so it does not make a different query.
    /// </summary>
    public static (string Key, IReadOnlyList<KeyValuePair<string, string>> Parameters) SharedView(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer
    )
    {
        var shared = parameters
            .Where(p => !string.Equals(p.Key, UrlParameter.SummarySort, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToList();
        return (LiveKey.For("jobs", viewer, shared), shared);
    }

    public static IReadOnlyDictionary<string, StringValues> ToQuery(
        IEnumerable<KeyValuePair<string, string>> parameters
    ) =>
        parameters
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => new StringValues(g.Select(p => p.Value).ToArray()),
                StringComparer.OrdinalIgnoreCase
            );
}
