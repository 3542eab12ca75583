using DarkSide.Monitor.Data;
using Npgsql;

namespace DarkSide.Monitor.Store;

/// <summary>
/// Which instance does a job that must run once (the usage aggregator, the alert evaluator): the one holding a
/// session-level advisory lock on a connection it keeps open. Every replica may be enabled; one leads, the others
/// wait. When the leader stops, crashes or loses its database connection, PostgreSQL releases the lock with the
/// session and another instance takes it on its next tick, so the job never needs a chosen pod and never runs twice.
/// </summary>
public abstract class MonitorLeadership(MonitorDatabase monitor, ILogger logger, long lockKey, string job)
    : IAsyncDisposable
{
    private NpgsqlConnection? _held;

    public bool IsLeader => _held is not null;

    /// <summary>Whether this instance leads now: keeps the lock it holds, or tries to take it.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            try
            {
                await using var ping = SqlParameterBag.Command("SELECT 1");
                ping.Connection = held;
                await ping.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The session ended, and the lock with it: another instance may lead already.
                logger.LogWarning("Lost the lead of {Job} with the database connection ({Error})", job, e.Message);
                await ReleaseAsync();
            }
        }

        var connection = await monitor.DataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = SqlParameterBag.Command($"SELECT pg_try_advisory_lock({lockKey})"))
        {
            take.Connection = connection;
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                _held = connection;
                logger.LogInformation("This instance now leads {Job}", job);
                return true;
            }
        }

        await connection.DisposeAsync();
        return false;
    }

    private async Task ReleaseAsync()
    {
        if (_held is not { } held)
        {
            return;
        }

        _held = null;
        try
        {
            // A pooled connection keeps its session, and the lock, until reused: give the lead back now.
            await using var unlock = SqlParameterBag.Command($"SELECT pg_advisory_unlock({lockKey})");
            unlock.Connection = held;
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The session is gone already, and the lock with it.
        }

        await held.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
