using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// Live coordinator views: one shared refresh per URL and blind class, once per aggregation interval (the rollups
/// change no faster). Each refresh re-reads the URL at the current time, so "the last 30 days" and "the last 7 days"
/// roll forward on a page left open.
/// </summary>
public sealed class UsageLive(
    LiveRefreshHub hub,
    UsageRepository usage,
    SiteRepository sites,
    IOptions<RollupOptions> options,
    TimeProvider time
)
{
    private TimeSpan Interval => TimeSpan.FromSeconds(options.Value.IntervalSeconds);

    public IDisposable SubscribeUsage(
        UsageQuery query,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<UsageReport>, Task> onUpdate
    ) => Subscribe("usage", parameters, viewer, onUpdate, (v, ct) => usage.GetUsageAsync(query.At(Now), v, ct));

    public IDisposable SubscribeMemory(
        UsageQuery query,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<MemoryReport>, Task> onUpdate
    ) => Subscribe("memory", parameters, viewer, onUpdate, (v, ct) => usage.GetMemoryAsync(query.At(Now), v, ct));

    public IDisposable SubscribeSites(
        SiteWindow window,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<SitesReport>, Task> onUpdate
    ) =>
        Subscribe(
            "sites",
            // The order is the page's: every order of one window shares its feed.
            [.. parameters.Where(p => p.Key != UrlParameter.SortBy)],
            viewer,
            onUpdate,
            (v, ct) => sites.GetSitesAsync(window.At(Now), v, ct)
        );

    public IDisposable SubscribeSite(
        string computingSite,
        SiteWindow window,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<SiteReport>, Task> onUpdate
    ) =>
        Subscribe(
            "site",
            [.. parameters, new("computingsite", computingSite)],
            viewer,
            onUpdate,
            (v, ct) => sites.GetSiteAsync(computingSite, window.At(Now), v, ct)
        );

    private IDisposable Subscribe<T>(
        string view,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<T>, Task> onUpdate,
        Func<ViewerAccess, CancellationToken, Task<T>> read
    )
        where T : class
    {
        var key = LiveKey.For(view, viewer, parameters);
        var feedViewer = viewer.ForSharedFeed("live " + view);
        return hub.Subscribe<T>(key, Interval, (_, ct) => Once(read, feedViewer, ct), onUpdate);
    }

    private static async IAsyncEnumerable<T> Once<T>(
        Func<ViewerAccess, CancellationToken, Task<T>> read,
        ViewerAccess viewer,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        yield return await read(viewer, cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
