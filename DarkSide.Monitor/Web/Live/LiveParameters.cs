using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web.Live;

/// <summary>How a live view's URL parameters become its shared refresh key.</summary>
public static class LiveParameters
{
    /// <summary>
    /// What makes two viewers' views the same: the parameters in a stable order, and whether blind values are shown.
    /// summarysort only reorders what is shown, so it does not make a different query.
    /// </summary>
    public static string SharedKey(IReadOnlyList<KeyValuePair<string, string>> parameters, ViewerAccess viewer)
    {
        var shared = parameters
            .Where(p => !string.Equals(p.Key, UrlParameter.SummarySort, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToList();
        return LiveKey.For("jobs", viewer, shared);
    }
}
