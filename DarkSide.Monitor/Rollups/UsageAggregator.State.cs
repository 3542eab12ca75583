using DarkSide.Monitor.Data;
using Npgsql;

namespace DarkSide.Monitor.Rollups;

/// <summary>
/// The aggregator's state in the monitor's schema: where the rollups start, how far they go, and why.
/// </summary>
public sealed partial class UsageAggregator
{
    /// <summary>The horizon's day, or the day of the oldest ended job after it: empty days are not walked
    /// through.</summary>
    private async Task<DateTime> BackfillStartAsync(DateTime horizon, CancellationToken cancellationToken)
    {
        await using var command = SqlParameterBag.Command(sql.OldestJob(), ("from", horizon));
        var oldest = await panda.ReadAllAsync(
            command,
            r => r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0),
            cancellationToken
        );
        return oldest is [{ } first] ? DayFloor(first) : horizon;
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = SqlParameterBag.Command($"SELECT pg_try_advisory_lock({LockKey})");
        command.Connection = connection;
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<RollupState?> ReadStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = SqlParameterBag.Command(
            $"SELECT watermark, blind_scopes, backfill_from, backfill_done, backfill_horizon FROM "
                + $"{sql.Schema}.rollup_state WHERE name = @name",
            ("name", StateName)
        );
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new RollupState(
            reader.IsDBNull(0) ? null : reader.GetDateTime(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? DateTime.MinValue : reader.GetDateTime(2),
            reader.GetBoolean(3),
            reader.IsDBNull(4) ? null : reader.GetDateTime(4)
        );
    }

    private async Task<RollupState> ResetAsync(
        NpgsqlConnection connection,
        RollupState? previous,
        string fingerprint,
        DateTime horizon,
        DateTime backfillFrom,
        CancellationToken cancellationToken
    )
    {
        string? reason = null;
        if (previous is not null)
        {
            reason =
                previous.Fingerprint.Split(';')[0] == UsageRollupSql.DefinitionVersion
                    ? "the blind scopes (Blinding:BlindScopes) changed"
                    : "this version of the monitor aggregates differently";
            logger.LogWarning(
                "Usage rollups were built with '{Old}' and are now '{New}' ({Reason}); rebuilding them",
                previous.Fingerprint,
                fingerprint,
                reason
            );
        }

        logger.LogInformation(
            "Usage rollup backfill starts at {From:yyyy-MM-dd} UTC (Rollups:BackfillDays = {Days})",
            backfillFrom,
            options.Value.BackfillDays
        );
        var s = sql.Schema;
        await using var command = SqlParameterBag.Command(
            $"TRUNCATE {s}.usage_hourly, {s}.usage_daily, {s}.site_cores_hourly, {s}.memory_suspects, "
                + $"{s}.job_summary_hourly, {s}.job_summary_daily, {s}.job_errors_hourly, {s}.job_errors_daily;"
                + $" INSERT INTO {s}.rollup_state (name, watermark, blind_scopes, backfill_from, backfill_done, "
                + $"backfill_horizon, rebuild_reason, skipped_days)"
                + " VALUES (@name, NULL, @fingerprint, @from, false, @horizon, @reason, NULL)"
                + " ON CONFLICT (name) DO UPDATE SET watermark = NULL, blind_scopes = excluded.blind_scopes, "
                + "backfill_from = excluded.backfill_from,"
                + " backfill_done = false, backfill_horizon = excluded.backfill_horizon, rebuild_reason = "
                + "excluded.rebuild_reason, skipped_days = NULL",
            ("name", StateName),
            ("fingerprint", fingerprint),
            ("from", backfillFrom),
            ("horizon", horizon),
            ("reason", SqlParameterBag.Typed(reason, NpgsqlTypes.NpgsqlDbType.Text))
        );
        command.Connection = connection;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new RollupState(null, fingerprint, backfillFrom, false, horizon);
    }

    private async Task RecordRunAsync(
        NpgsqlConnection connection,
        UsageAggregationRun run,
        CancellationToken cancellationToken
    )
    {
        await using var command = SqlParameterBag.Command(
            $"UPDATE {sql.Schema}.rollup_state SET last_run_at = now(), last_run_ms = @ms, last_run_jobs = @jobs "
                + $"WHERE name = @name",
            ("ms", (int)Math.Min(int.MaxValue, run.Elapsed.TotalMilliseconds)),
            ("jobs", run.Jobs),
            ("name", StateName)
        );
        command.Connection = connection;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static DateTime HourFloor(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Unspecified);

    public static DateTime DayFloor(DateTime t) => new(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Unspecified);

    private sealed record RollupState(
        DateTime? Watermark,
        string Fingerprint,
        DateTime BackfillFrom,
        bool BackfillDone,
        DateTime? BackfillHorizon
    );
}

/// <summary>
/// The rollups' status line: aggregated up to the watermark; still backfilling until the first run completes; why
/// they are being rebuilt; and the days that could not be aggregated ("yyyy-MM-dd: reason" each).
/// </summary>
public sealed record UsageRollupStatus(DateTime? Watermark, bool BackfillDone, DateTime BackfillFrom)
{
    public string? RebuildReason { get; init; }

    /// <summary>
    /// The first day the rollups are meant to cover (now - Rollups:BackfillDays when they were built). Days between it
    /// and <see cref="BackfillFrom"/> had no ended jobs; days before it are not aggregated.
    /// </summary>
    public DateTime? BackfillHorizon { get; init; }

    public IReadOnlyList<string> SkippedDays { get; init; } = [];
}
