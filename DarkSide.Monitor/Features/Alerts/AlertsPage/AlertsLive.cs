using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// Live alerts: one shared refresh per URL every few seconds (the monitor's own schema and Alertmanager, never
/// PanDA), and one shared count of firing alerts for every page's top bar.
/// </summary>
public sealed class AlertsLive(LiveRefreshHub hub, AlertsRepository alerts, AlertStore store)
{
    /// <summary>Alerts change once per evaluation; a few seconds shows a new one soon after it fires.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public IDisposable Subscribe(
        AlertsQuery query,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        ViewerAccess viewer,
        Func<LiveState<AlertsReport>, Task> onUpdate
    ) =>
        hub.Subscribe<AlertsReport>(
            LiveKey.For("alerts", viewer, parameters),
            Interval,
            (_, ct) => Once(ct2 => alerts.GetAsync(query, viewer.ForSharedFeed("live alerts"), ct2), ct),
            onUpdate
        );

    /// <summary>How many alerts fire now; one feed for all viewers (the count is the same for everyone).</summary>
    public IDisposable SubscribeFiring(Func<LiveState<FiringCount>, Task> onUpdate) =>
        hub.Subscribe<FiringCount>(
            "alerts-firing",
            Interval,
            (_, ct) =>
                Once(
                    async ct2 => new FiringCount(
                        (await store.ReadCurrentAsync(ct2)).Count(a => a.State == AlertState.Firing)
                    ),
                    ct
                ),
            onUpdate
        );

    private static async IAsyncEnumerable<T> Once<T>(
        Func<CancellationToken, Task<T>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        yield return await read(cancellationToken);
    }
}

/// <summary>The top bar's badge: alerts firing now.</summary>
public sealed record FiringCount(int Firing);
