using System.Diagnostics;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Rollups;

/// <summary>What one aggregation did: the range it recomputed, the jobs it read, how long it took.</summary>
public sealed record UsageAggregationRun(
    bool Ran,
    DateTime? From,
    DateTime? Watermark,
    long Jobs,
    int Chunks,
    TimeSpan Elapsed,
    bool Backfill = false
)
{
    public static readonly UsageAggregationRun Skipped = new(false, null, null, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// Keeps the usage rollups up to date. Each run recomputes whole hours from (watermark − overlap) to now, one UTC
/// day per transaction: it reads the range from PanDA in one snapshot, deletes what the monitor held for it and
/// writes the new rows, then rebuilds the days it touched and moves the watermark — so reruns, restarts and late
/// updates inside the overlap never double-count. The first run backfills Rollups:BackfillDays the same way.
/// </summary>
public sealed partial class UsageAggregator(
    PandaDatabase panda,
    MonitorDatabase monitor,
    UsageRollupSql sql,
    IOptions<RollupOptions> options,
    TimeProvider time,
    ILogger<UsageAggregator> logger
)
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
            var state = await CurrentStateAsync(connection, now, cancellationToken);
            var from = state.Watermark is { } watermark
                ? HourFloor(watermark.AddMinutes(-options.Value.OverlapMinutes))
                : state.BackfillFrom;
            var backfilling = !state.BackfillDone;
            var (jobs, chunks) = await CatchUpAsync(connection, from, now, backfilling, cancellationToken);
            var run = new UsageAggregationRun(true, from, now, jobs, chunks, clock.Elapsed, backfilling);
            await RecordRunAsync(connection, run, cancellationToken);
            if (backfilling)
            {
                logger.LogInformation(
                    "Usage rollup backfill done: {Jobs:N0} jobs over {Days} days in {Seconds:N1} s",
                    jobs,
                    chunks,
                    clock.Elapsed.TotalSeconds
                );
            }

            return run;
        }
        finally
        {
            await using var unlock = SqlParameterBag.Command($"SELECT pg_advisory_unlock({LockKey})");
            unlock.Connection = connection;
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The rollups' state, rebuilt when their definition changed (another version or blind scopes) and extended
    /// when Rollups:BackfillDays now reaches further back.
    /// </summary>
    private async Task<RollupState> CurrentStateAsync(
        NpgsqlConnection connection,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        var state = await ReadStateAsync(connection, cancellationToken);
        var fingerprint = sql.Fingerprint;
        var horizon = DayFloor(now.AddDays(-options.Value.BackfillDays));
        if (state is null || state.Fingerprint != fingerprint)
        {
            var backfillFrom = await BackfillStartAsync(horizon, cancellationToken);
            return await ResetAsync(connection, state, fingerprint, horizon, backfillFrom, cancellationToken);
        }

        return horizon < (state.BackfillHorizon ?? state.BackfillFrom)
            ? await ExtendAsync(connection, state, horizon, cancellationToken)
            : state;
    }

    /// <summary>
    /// Recomputes from <paramref name="from"/> to now one UTC day at a time, so a backfill commits as it goes and
    /// a restart resumes where it stopped; the last, open day ends at now.
    /// </summary>
    private async Task<(long Jobs, int Chunks)> CatchUpAsync(
        NpgsqlConnection connection,
        DateTime from,
        DateTime now,
        bool backfilling,
        CancellationToken cancellationToken
    )
    {
        long jobs = 0;
        var chunks = 0;
        var totalDays = Math.Max(1, (int)Math.Ceiling((now - from).TotalDays));
        for (var start = from; ; start = DayFloor(start).AddDays(1))
        {
            var end = DayFloor(start).AddDays(1);
            var bounded = end <= now;
            var chunkClock = Stopwatch.StartNew();
            jobs += bounded
                ? await RecomputeDayAsync(connection, start, end, advance: true, cancellationToken)
                : await RecomputeAsync(connection, start, null, now, backfilling, cancellationToken);
            chunks++;
            if (backfilling && (chunks % 10 == 0 || !bounded))
            {
                logger.LogInformation(
                    "Usage rollup backfill: {Done}/{Total} days, up to {Watermark:yyyy-MM-dd HH:mm} UTC "
                        + "({Jobs:N0} jobs, {Ms:N0} ms for the last day)",
                    chunks,
                    totalDays,
                    bounded ? end : now,
                    jobs,
                    chunkClock.ElapsedMilliseconds
                );
            }

            if (!bounded)
            {
                return (jobs, chunks);
            }
        }
    }

    /// <param name="watermark">The new watermark, or null to leave it (a day recomputed by a backfill
    /// extension).</param>
    /// <param name="probe">Only these jobs, in a transaction rolled back: whether they can be aggregated at
    /// all.</param>
    private async Task<long> RecomputeAsync(
        NpgsqlConnection connection,
        DateTime from,
        DateTime? to,
        DateTime? watermark,
        bool finishesBackfill,
        CancellationToken cancellationToken,
        PandaIdRange? probe = null
    )
    {
        var bounded = to is not null;
        var (hourly, cores, suspects, summary, errors) = await ReadPandaAsync(from, to, probe, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = SqlParameterBag.Command(sql.DeleteRange(bounded), ("from", from), ("to", to)))
        {
            delete.Connection = connection;
            delete.Transaction = transaction;
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, "usage_hourly", UsageRollupSql.HourlyColumns, hourly, cancellationToken);
        await CopyAsync(connection, "site_cores_hourly", UsageRollupSql.SiteCoreColumns, cores, cancellationToken);
        await CopyAsync(
            connection,
            "memory_suspects",
            UsageRollupSql.MemorySuspectColumns,
            suspects,
            cancellationToken
        );
        await CopyAsync(
            connection,
            "job_summary_hourly",
            JobSummaryRollupSql.SummaryColumns,
            summary,
            cancellationToken
        );
        await CopyAsync(connection, "job_errors_hourly", JobSummaryRollupSql.ErrorColumns, errors, cancellationToken);
        await using (
            var days = SqlParameterBag.Command(
                sql.RebuildDays() + ";\n" + sql.Summaries.RebuildDays(),
                ("day_from", DayFloor(from)),
                ("day_to", DayFloor((to ?? watermark!.Value).AddTicks(-1)).AddDays(1))
            )
        )
        {
            days.Connection = connection;
            days.Transaction = transaction;
            await days.ExecuteNonQueryAsync(cancellationToken);
        }

        if (watermark is { } mark)
        {
            await using var advance = SqlParameterBag.Command(
                $"UPDATE {sql.Schema}.rollup_state SET watermark = @watermark, backfill_done = backfill_done OR @done, "
                    + "rebuild_reason = CASE WHEN backfill_done OR @done THEN NULL ELSE rebuild_reason END WHERE "
                    + "name = @name",
                ("watermark", mark),
                ("done", finishesBackfill),
                ("name", StateName)
            );
            advance.Connection = connection;
            advance.Transaction = transaction;
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }

        if (probe is not null)
        {
            // A probe only asks whether these jobs can be aggregated: nothing it wrote stays.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return hourly.Sum(r => (long)r[UsageRollupSql.HourlyColumns.Count - UsageRollupSql.Measures.Count]);
    }

    /// <summary>The reads of one range, in one repeatable-read snapshot so they agree with each other.</summary>
    private async Task<PandaRange> ReadPandaAsync(
        DateTime from,
        DateTime? to,
        PandaIdRange? probe,
        CancellationToken cancellationToken
    )
    {
        var bounded = to is not null;
        var probed = probe is not null;
        await using var connection = await panda.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(
            System.Data.IsolationLevel.RepeatableRead,
            cancellationToken
        );
        var hourly = await ReadRowsAsync(
            connection,
            transaction,
            sql.ReadHourly(bounded, probed),
            from,
            to,
            probe,
            cancellationToken
        );
        var cores = await ReadRowsAsync(
            connection,
            transaction,
            sql.ReadSiteCores(bounded, probed),
            from,
            to,
            probe,
            cancellationToken
        );
        var suspects = await ReadRowsAsync(
            connection,
            transaction,
            sql.ReadMemorySuspects(bounded, probed),
            from,
            to,
            probe,
            cancellationToken
        );
        var summary = await ReadRowsAsync(
            connection,
            transaction,
            sql.Summaries.ReadSummary(bounded, probed),
            from,
            to,
            probe,
            cancellationToken
        );
        var errors = await ReadRowsAsync(
            connection,
            transaction,
            sql.Summaries.ReadErrors(bounded, probed),
            from,
            to,
            probe,
            cancellationToken
        );
        await transaction.CommitAsync(cancellationToken);
        return new(hourly, cores, suspects, summary.Select(JobSummaryRollupSql.ToSummaryRow).ToList(), errors);
    }

    private sealed record PandaRange(
        List<object[]> Hourly,
        List<object[]> Cores,
        List<object[]> Suspects,
        List<object[]> Summary,
        List<object[]> Errors
    );

    private async Task<List<object[]>> ReadRowsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string text,
        DateTime from,
        DateTime? to,
        PandaIdRange? probe,
        CancellationToken cancellationToken
    )
    {
        // Unused values (no upper bound, no probe) are sent as NULL; the statement does not name them then.
        await using var command = SqlParameterBag.Command(
            text,
            ("patterns", sql.BlindPatterns),
            ("from", from),
            ("to", to),
            ("lo", probe?.Low),
            ("hi", probe?.High)
        );
        command.Connection = connection;
        command.Transaction = transaction;

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

    private async Task CopyAsync(
        NpgsqlConnection connection,
        string table,
        IReadOnlyList<string> columns,
        List<object[]> rows,
        CancellationToken cancellationToken
    )
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            sql.CopyInto(table, columns),
            cancellationToken
        );
        foreach (var row in rows)
        {
            await importer.WriteRowAsync(cancellationToken, row);
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
