using System.Runtime.CompilerServices;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// Live alerts: one shared refresh per URL every few seconds (the monitor's own schema and Alertmanager, never
/// PanDA), and the count of firing alerts for every page's top bar.
/// </summary>
public sealed class AlertsLive(LiveRefreshHub hub, AlertsRepository alerts)
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

    /// <summary>
    /// How many alerts fire now, as the viewer would count them on /alerts: one feed per blind class (with
    /// Iam:BlindJobs=Hide a viewer without blind access does not count a blind task's alert).
    /// </summary>
    public IDisposable SubscribeFiring(ViewerAccess viewer, Func<LiveState<FiringCount>, Task> onUpdate) =>
        hub.Subscribe<FiringCount>(
            LiveKey.For("alerts-firing", viewer, []),
            Interval,
            (_, ct) => Once(ct2 => alerts.CountFiringAsync(viewer.ForSharedFeed("firing alerts"), ct2), ct),
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
