using System.Text.Json;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web.Live;

/// <summary>
/// The key of a shared live view: the view, the viewer's blind class, and its parameters as a structured value
/// (JSON pairs in a stable order). Joining "name=value" strings let a crafted value such as
/// "CNAF-DS-1&amp;days=30&amp;produsername=X" share another view's feed and show its numbers.
/// </summary>
public static class LiveKey
{
    public static string For(string view, ViewerAccess viewer, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var pairs = parameters
            .Where(p => !TableSortSpec.OrdersShownRows(p.Key))
            .Select(p => new[] { p.Key.ToLowerInvariant(), p.Value })
            .OrderBy(p => p[0], StringComparer.Ordinal)
            .ThenBy(p => p[1], StringComparer.Ordinal);
        return $"{view}|{BlindClass(viewer)}|{JsonSerializer.Serialize(pairs)}";
    }

    /// <summary>Viewers who see the same blind values (all, redacted, or none of the blind jobs) can share a
    /// feed.</summary>
    public static string BlindClass(ViewerAccess viewer) =>
        viewer.CanSeeBlindData ? "blind"
        : viewer.ExcludesBlindJobs ? "hidden"
        : "open";
}
