using System.Collections.Concurrent;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Server-side browser sessions in the monitor's schema. A cookie is only as good as its session row: signing out,
/// or a live page finding the user no longer a member, ends the session, and every copy of the cookie with it, on
/// every instance. An active session is re-read at most every <see cref="ActiveFor"/>; an ended one never revives.
/// </summary>
public sealed class SessionStore(
    MonitorDatabase database,
    IOptions<MonitorStoreOptions> store,
    TimeProvider time,
    ILogger<SessionStore> logger,
    SessionWatch watch
)
{
    /// <summary>How long another instance may still accept a cookie after its session ended elsewhere.</summary>
    public static readonly TimeSpan ActiveFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _ended = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _accessChanged = new(StringComparer.Ordinal);

    private string Table => store.Value.Schema + ".sessions";

    public async Task StartAsync(string sid, string? subject, string userName, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync(
            SqlParameterBag.Command(
                $"INSERT INTO {Table} (sid, subject, user_name) VALUES (@sid, @subject, @name) "
                    + "ON CONFLICT (sid) DO NOTHING",
                ("sid", sid),
                ("subject", subject),
                ("name", userName)
            ),
            cancellationToken
        );
        _active[sid] = time.GetUtcNow();
    }

    public async Task<bool> IsActiveAsync(string sid, CancellationToken cancellationToken)
    {
        if (_ended.ContainsKey(sid))
        {
            return false;
        }

        if (_active.TryGetValue(sid, out var checkedAt) && time.GetUtcNow() - checkedAt < ActiveFor)
        {
            return true;
        }

        var rows = await database.ReadAllAsync(
            SqlParameterBag.Command(
                $"SELECT ended_at IS NULL, access_changed FROM {Table} WHERE sid = @sid",
                ("sid", sid)
            ),
            r => (Active: r.GetBoolean(0), AccessChanged: r.GetBoolean(1)),
            cancellationToken
        );
        var active = rows is [{ Active: true }];
        if (rows is [{ AccessChanged: true }])
        {
            _accessChanged[sid] = true;
        }

        if (active)
        {
            _active[sid] = time.GetUtcNow();
        }
        else
        {
            _active.TryRemove(sid, out _);
            _ended[sid] = true;
        }

        return active;
    }

    /// <summary>A live page found the user's access changed: the cookie must refresh on its next request, on any
    /// instance (another one learns it within <see cref="ActiveFor"/>).</summary>
    public async Task MarkAccessChangedAsync(string sid, CancellationToken cancellationToken)
    {
        _accessChanged[sid] = true;
        await database.ExecuteAsync(
            SqlParameterBag.Command($"UPDATE {Table} SET access_changed = true WHERE sid = @sid", ("sid", sid)),
            cancellationToken
        );
        watch.Signal(sid);
    }

    /// <summary>Whether the cookie must refresh now; answers yes once per change.</summary>
    public async Task<bool> TakeAccessChangedAsync(string sid, CancellationToken cancellationToken)
    {
        if (!_accessChanged.TryRemove(sid, out _))
        {
            return false;
        }

        await database.ExecuteAsync(
            SqlParameterBag.Command($"UPDATE {Table} SET access_changed = false WHERE sid = @sid", ("sid", sid)),
            cancellationToken
        );
        return true;
    }

    public async Task EndAsync(string sid, string why, CancellationToken cancellationToken)
    {
        _active.TryRemove(sid, out _);
        _ended[sid] = true;
        await database.ExecuteAsync(
            SqlParameterBag.Command(
                $"UPDATE {Table} SET ended_at = now(), ended_why = @why WHERE sid = @sid AND ended_at IS NULL",
                ("sid", sid),
                ("why", why)
            ),
            cancellationToken
        );
        watch.Signal(sid);
        logger.LogInformation("Session ended: {Why}", why);
    }
}
