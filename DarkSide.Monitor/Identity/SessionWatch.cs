using DarkSide.Monitor.Data;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Ends open pages (circuits) whose session ended or whose access changed, on every instance within seconds: an open
/// tab has no cookie to be refused, and would otherwise keep receiving data until its next check with IAM
/// (Iam:RevalidationSeconds, minutes). On the instance where it happens, at once; elsewhere at the next poll of the
/// shared sessions table, one statement per instance every <see cref="Interval"/> for all of its open circuits.
/// </summary>
public sealed class SessionWatch(
    MonitorDatabase database,
    IOptions<MonitorStoreOptions> store,
    ILogger<SessionWatch> logger
) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, HashSet<Watcher>> _watched = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many sessions have open circuits here.</summary>
    public int Watched
    {
        get
        {
            lock (_lock)
            {
                return _watched.Count;
            }
        }
    }

    /// <summary>Calls <paramref name="ended"/> once when the session ends or its access changes.</summary>
    public IDisposable Watch(string sid, Action ended)
    {
        var watcher = new Watcher(this, sid, ended);
        lock (_lock)
        {
            if (!_watched.TryGetValue(sid, out var watchers))
            {
                _watched[sid] = watchers = [];
            }

            watchers.Add(watcher);
        }

        return watcher;
    }

    /// <summary>This instance ended the session or saw its access change: its circuits end now.</summary>
    public void Signal(string sid)
    {
        HashSet<Watcher>? watchers;
        lock (_lock)
        {
            if (!_watched.Remove(sid, out watchers))
            {
                return;
            }
        }

        foreach (var watcher in watchers)
        {
            try
            {
                watcher.Ended();
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // The circuit went away meanwhile; nothing left to end.
                logger.LogDebug(e, "A watched circuit was already gone");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            string[] sids;
            lock (_lock)
            {
                sids = [.. _watched.Keys];
            }

            if (sids.Length == 0)
            {
                continue;
            }

            try
            {
                var gone = await database.ReadAllAsync(
                    SqlParameterBag.Command(
                        $"SELECT sid FROM {store.Value.Schema}.sessions WHERE sid = ANY(@sids) "
                            + "AND (ended_at IS NOT NULL OR access_changed)",
                        ("sids", sids)
                    ),
                    r => r.GetString(0),
                    stoppingToken
                );
                foreach (var sid in gone)
                {
                    Signal(sid);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Could not check the open pages' sessions: {Error}", e.GetType().Name);
            }
        }
    }

    private void Forget(Watcher watcher)
    {
        lock (_lock)
        {
            if (_watched.TryGetValue(watcher.Sid, out var watchers) && watchers.Remove(watcher) && watchers.Count == 0)
            {
                _watched.Remove(watcher.Sid);
            }
        }
    }

    private sealed class Watcher(SessionWatch owner, string sid, Action ended) : IDisposable
    {
        public string Sid => sid;

        public void Ended() => ended();

        public void Dispose() => owner.Forget(this);
    }
}
