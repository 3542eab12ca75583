using System.Diagnostics;
using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Usage;

/// <summary>What one aggregation did: the range it recomputed, the jobs it read, how long it took.</summary>
public sealed record UsageAggregationRun(bool Ran, DateTime? From, DateTime? Watermark, long Jobs, int Chunks, TimeSpan Elapsed, bool Backfill = false)
{
    public static readonly UsageAggregationRun Skipped = new(false, null, null, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// Keeps the usage rollups up to date. Each run recomputes whole hours from (watermark − overlap) to now, one UTC
/// day per transaction: it reads the range from PanDA in one snapshot, deletes what the monitor held for it and
/// writes the new rows, then rebuilds the days it touched and moves the watermark — so reruns, restarts and late
/// updates inside the overlap never double-count. The first run backfills Rollups:BackfillDays the same way.
/// </summary>
public sealed class UsageAggregator(
    PandaDatabase panda, MonitorDatabase monitor, UsageRollupSql sql, IOptions<RollupOptions> options, TimeProvider time,
    ILogger<UsageAggregator> logger)
{
    public const string StateName = "usage";
    private const long LockKey = 0x44535553; // "DSUS": one aggregator at a time across monitor instances

    public async Task<UsageAggregationRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await monitor.DataSource.OpenConnectionAsync(cancellationToken);
        if (!await TryLockAsync(connection, cancellationToken))
        {
            return UsageAggregationRun.Skipped;
        }

        try
        {
            var now = DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);
            var state = await ReadStateAsync(connection, cancellationToken);
            var fingerprint = UsageRollupSql.DefinitionVersion + ";" + string.Join(",", sql.BlindPatterns);
            if (state is null || state.Fingerprint != fingerprint)
            {
                state = await ResetAsync(connection, state, fingerprint, await BackfillStartAsync(now, cancellationToken), cancellationToken);
            }

            var start = state.Watermark is { } watermark
                ? HourFloor(watermark.AddMinutes(-options.Value.OverlapMinutes))
                : state.BackfillFrom;
            var from = start;
            long jobs = 0;
            var chunks = 0;
            var backfilling = !state.BackfillDone;
            var totalDays = Math.Max(1, (int)Math.Ceiling((now - start).TotalDays));
            while (true)
            {
                var end = DayFloor(start).AddDays(1);
                var bounded = end <= now;
                var chunkClock = Stopwatch.StartNew();
                var read = await RecomputeAsync(connection, start, bounded ? end : null, bounded ? end : now, backfilling && !bounded, cancellationToken);
                jobs += read;
                chunks++;
                if (backfilling && (chunks % 10 == 0 || !bounded))
                {
                    logger.LogInformation("Usage rollup backfill: {Done}/{Total} days, up to {Watermark:yyyy-MM-dd HH:mm} UTC ({Jobs:N0} jobs, {Ms:N0} ms for the last day)",
                        chunks, totalDays, bounded ? end : now, jobs, chunkClock.ElapsedMilliseconds);
                }

                if (!bounded)
                {
                    break;
                }

                start = end;
            }

            var run = new UsageAggregationRun(true, from, now, jobs, chunks, clock.Elapsed, backfilling);
            await RecordRunAsync(connection, run, cancellationToken);
            if (backfilling)
            {
                logger.LogInformation("Usage rollup backfill done: {Jobs:N0} jobs over {Days} days in {Seconds:N1} s", jobs, chunks, clock.Elapsed.TotalSeconds);
            }

            return run;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<long> RecomputeAsync(NpgsqlConnection connection, DateTime from, DateTime? to, DateTime watermark, bool finishesBackfill, CancellationToken cancellationToken)
    {
        var bounded = to is not null;
        var (hourly, cores, suspects) = await ReadPandaAsync(from, to, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand(sql.DeleteRange(bounded), connection, transaction))
        {
            delete.Parameters.AddWithValue("from", from);
            if (to is { } t)
            {
                delete.Parameters.AddWithValue("to", t);
            }

            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, "usage_hourly", UsageRollupSql.HourlyColumns, hourly, cancellationToken);
        await CopyAsync(connection, "site_cores_hourly", UsageRollupSql.SiteCoreColumns, cores, cancellationToken);
        await CopyAsync(connection, "memory_suspects", UsageRollupSql.MemorySuspectColumns, suspects, cancellationToken);
        await using (var days = new NpgsqlCommand(sql.RebuildDays(), connection, transaction))
        {
            days.Parameters.AddWithValue("day_from", DayFloor(from));
            days.Parameters.AddWithValue("day_to", DayFloor(watermark.AddTicks(-1)).AddDays(1));
            await days.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var advance = new NpgsqlCommand(
            $"UPDATE {sql.Schema}.rollup_state SET watermark = @watermark, backfill_done = backfill_done OR @done WHERE name = @name", connection, transaction))
        {
            advance.Parameters.AddWithValue("watermark", watermark);
            advance.Parameters.AddWithValue("done", finishesBackfill);
            advance.Parameters.AddWithValue("name", StateName);
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return hourly.Sum(r => (long)r[UsageRollupSql.HourlyColumns.Count - UsageRollupSql.Measures.Count]);
    }

    /// <summary>The three reads of one range, in one repeatable-read snapshot so they agree with each other.</summary>
    private async Task<(List<object[]> Hourly, List<object[]> Cores, List<object[]> Suspects)> ReadPandaAsync(DateTime from, DateTime? to, CancellationToken cancellationToken)
    {
        var bounded = to is not null;
        await using var connection = await panda.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var hourly = await ReadRowsAsync(connection, transaction, sql.ReadHourly(bounded), from, to, cancellationToken);
        var cores = await ReadRowsAsync(connection, transaction, sql.ReadSiteCores(bounded), from, to, cancellationToken);
        var suspects = await ReadRowsAsync(connection, transaction, sql.ReadMemorySuspects(bounded), from, to, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (hourly, cores, suspects);
    }

    private async Task<List<object[]>> ReadRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string text, DateTime from, DateTime? to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(text, connection, transaction);
        command.Parameters.AddWithValue("patterns", sql.BlindPatterns);
        command.Parameters.AddWithValue("from", from);
        if (to is { } t)
        {
            command.Parameters.AddWithValue("to", t);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, List<object[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(sql.CopyInto(table, columns), cancellationToken);
        foreach (var row in rows)
        {
            await importer.WriteRowAsync(cancellationToken, row);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>The horizon's day, or the day of the oldest ended job after it: empty days are not walked through.</summary>
    private async Task<DateTime> BackfillStartAsync(DateTime now, CancellationToken cancellationToken)
    {
        var horizon = DayFloor(now.AddDays(-options.Value.BackfillDays));
        await using var command = new NpgsqlCommand(sql.OldestJob());
        command.Parameters.AddWithValue("from", horizon);
        var oldest = await panda.ReadAllAsync(command, r => r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), cancellationToken);
        return oldest is [{ } first] ? DayFloor(first) : horizon;
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<RollupState?> ReadStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT watermark, blind_scopes, backfill_from, backfill_done FROM {sql.Schema}.rollup_state WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", StateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new RollupState(
            reader.IsDBNull(0) ? null : reader.GetDateTime(0), reader.GetString(1),
            reader.IsDBNull(2) ? DateTime.MinValue : reader.GetDateTime(2), reader.GetBoolean(3));
    }

    private async Task<RollupState> ResetAsync(NpgsqlConnection connection, RollupState? previous, string fingerprint, DateTime backfillFrom, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            logger.LogWarning("Usage rollups were built with '{Old}' and are now '{New}' (blind scopes or definition changed); rebuilding them", previous.Fingerprint, fingerprint);
        }

        logger.LogInformation("Usage rollup backfill starts at {From:yyyy-MM-dd} UTC (Rollups:BackfillDays = {Days})", backfillFrom, options.Value.BackfillDays);
        var s = sql.Schema;
        await using var command = new NpgsqlCommand(
            $"TRUNCATE {s}.usage_hourly, {s}.usage_daily, {s}.site_cores_hourly, {s}.memory_suspects;" +
            $" INSERT INTO {s}.rollup_state (name, watermark, blind_scopes, backfill_from, backfill_done) VALUES (@name, NULL, @fingerprint, @from, false)" +
            " ON CONFLICT (name) DO UPDATE SET watermark = NULL, blind_scopes = excluded.blind_scopes, backfill_from = excluded.backfill_from, backfill_done = false", connection);
        command.Parameters.AddWithValue("name", StateName);
        command.Parameters.AddWithValue("fingerprint", fingerprint);
        command.Parameters.AddWithValue("from", backfillFrom);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new RollupState(null, fingerprint, backfillFrom, false);
    }

    private async Task RecordRunAsync(NpgsqlConnection connection, UsageAggregationRun run, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {sql.Schema}.rollup_state SET last_run_at = now(), last_run_ms = @ms, last_run_jobs = @jobs WHERE name = @name", connection);
        command.Parameters.AddWithValue("ms", (int)Math.Min(int.MaxValue, run.Elapsed.TotalMilliseconds));
        command.Parameters.AddWithValue("jobs", run.Jobs);
        command.Parameters.AddWithValue("name", StateName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static DateTime HourFloor(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Unspecified);

    public static DateTime DayFloor(DateTime t) => new(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Unspecified);

    private sealed record RollupState(DateTime? Watermark, string Fingerprint, DateTime BackfillFrom, bool BackfillDone);
}

/// <summary>The rollups' status line: aggregated up to the watermark; still backfilling until the first run completes.</summary>
public sealed record UsageRollupStatus(DateTime? Watermark, bool BackfillDone, DateTime BackfillFrom);
