using System.Diagnostics;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Telemetry;

namespace DarkSide.Monitor.Web.Live;

/// <summary>
/// One refresh loop per distinct view, shared by every browser showing it: a hundred shifters on the same job list
/// cost the database one query every interval, not a hundred. A loop starts with its first subscriber, delivers its
/// latest state to each new subscriber at once, waits <c>interval</c> after each refresh ends (so a slow database
/// is never asked twice at the same time), and stops when its last subscription is disposed.
/// </summary>
public sealed class LiveRefreshHub : IDisposable
{
    private const int MaxParallelDeliveries = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, IFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ILogger<LiveRefreshHub> _logger;
    private readonly MonitorMetrics _metrics;

    public LiveRefreshHub(TimeProvider time, ILogger<LiveRefreshHub> logger, MonitorMetrics metrics)
    {
        _time = time;
        _logger = logger;
        _metrics = metrics;
        metrics.ObserveLiveViews(Views);
    }

    /// <summary>Per kind of view: how many distinct views are refreshed, and how many pages watch them.</summary>
    public IReadOnlyList<(string View, int Feeds, int Viewers)> Views()
    {
        lock (_lock)
        {
            return
            [
                .. _feeds
                    .GroupBy(f => ViewKind(f.Key))
                    .Select(g => (g.Key, g.Count(), g.Sum(f => f.Value.Viewers)))
                    .OrderBy(v => v.Key, StringComparer.Ordinal),
            ];
        }
    }

    /// <summary>How many distinct views are being refreshed now.</summary>
    public int FeedCount
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>
    /// Subscribes to the view named <paramref name="key"/>. <paramref name="refresh"/> reads it once, given the
    /// previous
    /// value, and may yield partial values (a page before its summary). Only the first subscriber's delegate is used:
    /// the key must identify everything the delegate reads.
    /// </summary>
    public IDisposable Subscribe<T>(
        string key,
        TimeSpan interval,
        Func<T?, CancellationToken, IAsyncEnumerable<T>> refresh,
        Func<LiveState<T>, Task> onUpdate
    )
        where T : class
    {
        var fullKey = typeof(T).FullName + "|" + key;
        Feed<T> feed;
        lock (_lock)
        {
            if (_feeds.TryGetValue(fullKey, out var existing))
            {
                feed = (Feed<T>)existing;
            }
            else
            {
                feed = new Feed<T>(this, fullKey, interval, refresh);
                _feeds.Add(fullKey, feed);
                feed.Start();
            }

            return feed.Add(onUpdate);
        }
    }

    private void Remove(string key, IFeed feed)
    {
        lock (_lock)
        {
            if (_feeds.TryGetValue(key, out var current) && ReferenceEquals(current, feed))
            {
                _feeds.Remove(key);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var feed in _feeds.Values)
            {
                feed.Stop();
            }

            _feeds.Clear();
        }
    }

    /// <summary>
    /// The message a page shows for a failed refresh; it never includes the exception text, which may quote data.
    /// </summary>
    internal static string Describe(Exception e) => PandaFault.Classify(e).Message;

    private interface IFeed
    {
        int Viewers { get; }

        void Stop();
    }

    private sealed class Feed<T>(
        LiveRefreshHub hub,
        string key,
        TimeSpan interval,
        Func<T?, CancellationToken, IAsyncEnumerable<T>> refresh
    ) : IFeed
        where T : class
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Func<LiveState<T>, Task>> _subscribers = [];
        private LiveState<T>? _latest;

        public int Viewers => _subscribers.Count;

        public void Start() => _ = Task.Run(RunAsync);

        public IDisposable Add(Func<LiveState<T>, Task> onUpdate)
        {
            _subscribers.Add(onUpdate);
            if (_latest is { } latest)
            {
                _ = Task.Run(() => DeliverAsync(onUpdate, latest));
            }

            return new Subscription(() => RemoveSubscriber(onUpdate));
        }

        private void RemoveSubscriber(Func<LiveState<T>, Task> onUpdate)
        {
            lock (hub._lock)
            {
                _subscribers.Remove(onUpdate);
                if (_subscribers.Count > 0)
                {
                    return;
                }

                hub.Remove(key, this);
            }

            Stop();
        }

        public void Stop()
        {
            if (!_stop.IsCancellationRequested)
            {
                _stop.Cancel();
            }
        }

        private async Task RunAsync()
        {
            var token = _stop.Token;
            long version = 0;
            while (!token.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    await foreach (var value in refresh(_latest?.Value, token))
                    {
                        await PublishAsync(new LiveState<T>(value, hub._time.GetUtcNow().UtcDateTime, null, ++version));
                    }

                    hub._metrics.Refreshed(ViewKind(key), clock.Elapsed);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    var fault = PandaFault.Classify(e);
                    hub.LogRefreshFailed(e, key, fault);
                    hub._metrics.RefreshFailed(ViewKind(key));
                    await PublishAsync(
                        (_latest ?? new LiveState<T>(null, null, null, 0)) with
                        {
                            Problem = fault.Message,
                            Version = ++version,
                        }
                    );
                    if (fault.Permanent)
                    {
                        // A missing table or column stays missing: say so once instead of asking again every interval.
                        // The feed keeps its state until its last viewer leaves; a later visit asks once more.
                        await WaitUntilStoppedAsync(token);
                        break;
                    }
                }

                try
                {
                    await Task.Delay(interval, hub._time, token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            _stop.Dispose();
        }

        private static async Task WaitUntilStoppedAsync(CancellationToken token)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                // Stopped: the last viewer left.
            }
        }

        private async Task PublishAsync(LiveState<T> state)
        {
            Func<LiveState<T>, Task>[] subscribers;
            lock (hub._lock)
            {
                _latest = state;
                subscribers = [.. _subscribers];
            }

            // Each viewer renders on its own circuit: a slow one must not hold up the others' updates.
            await Parallel.ForEachAsync(
                subscribers,
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeliveries },
                async (subscriber, _) => await DeliverAsync(subscriber, state)
            );
        }

        private async Task DeliverAsync(Func<LiveState<T>, Task> subscriber, LiveState<T> state)
        {
            try
            {
                await subscriber(state);
            }
            catch (Exception e)
            {
                hub.LogSubscriberFailed(e, key);
            }
        }
    }

    private readonly TimeProvider _time;

    // The key holds the view's URL parameters, which may name blind data: logs get only the kind of view.
    private void LogRefreshFailed(Exception e, string key, PandaFault fault)
    {
        if (fault.Permanent)
        {
            _logger.LogError(
                "Live refresh of a {View} view failed permanently, not retried: {Fault}",
                ViewKind(key),
                fault.Message
            );
        }
        else
        {
            _logger.LogWarning(
                "Live refresh of a {View} view failed ({Error}); retrying",
                ViewKind(key),
                e.GetType().Name
            );
        }
    }

    private void LogSubscriberFailed(Exception e, string key) =>
        _logger.LogError(e, "A subscriber of a {View} view failed to take an update", ViewKind(key));

    private static string ViewKind(string key) => key[..key.IndexOf('|')].Split('.')[^1];

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
