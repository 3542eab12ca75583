using System.Collections.Concurrent;
using DarkSide.Monitor.Panda.Db;
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
    ILogger<SessionStore> logger
)
{
    /// <summary>How long another instance may still accept a cookie after its session ended elsewhere.</summary>
    public static readonly TimeSpan ActiveFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _ended = new(StringComparer.Ordinal);

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

        var active =
            await database.ScalarAsync(
                SqlParameterBag.Command($"SELECT ended_at IS NULL FROM {Table} WHERE sid = @sid", ("sid", sid)),
                cancellationToken
            )
            is true;
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
        logger.LogInformation("Session ended: {Why}", why);
    }
}
