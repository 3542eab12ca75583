using DarkSide.Monitor.Data;
using Npgsql;

namespace DarkSide.Monitor.Rollups;

/// <summary>A range of PandaIDs the aggregator probes when a day cannot be aggregated, to name the job that breaks
/// it.</summary>
public readonly record struct PandaIdRange(long Low, long High);

public sealed partial class UsageAggregator
{
    /// <summary>
    /// Recomputes one whole day. A day PanDA's rows make impossible to aggregate is skipped, not retried forever: the
    /// job that breaks it is found by bisecting its PandaIDs, logged, and recorded for the pages; later days go on.
    /// </summary>
    /// <param name="advance">Move the watermark to the day's end (false for days before it, added by an
    /// extension).</param>
    private async Task<long> RecomputeDayAsync(
        NpgsqlConnection connection,
        DateTime from,
        DateTime to,
        bool advance,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var jobs = await RecomputeAsync(connection, from, to, advance ? to : null, false, cancellationToken);
            await ForgetSkippedAsync(connection, from, cancellationToken);
            return jobs;
        }
        catch (Exception e) when (BreaksTheDay(e))
        {
            var culprit = await FindCulpritAsync(connection, from, to, cancellationToken);
            var code = e is PostgresException p ? $"PostgreSQL error {p.SqlState}" : e.GetType().Name;
            // The exception's text may quote the job's values, which may be blind: the log names the job and the code
            // only.
            var job = culprit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(not found)";
            logger.LogError(
                "Usage aggregation skipped {Day:yyyy-MM-dd}: job {PandaId} cannot be aggregated ({Code}); later "
                    + "days go on",
                from,
                job,
                code
            );
            var note = $"{from:yyyy-MM-dd}: job {job} " + $"cannot be aggregated ({code})";
            await RecordSkippedAsync(connection, from, note, advance ? to : null, cancellationToken);
            return 0;
        }
    }

    /// <summary>Errors of the data or of the monitor's tables; not a lost connection, a timeout or a shutdown, which
    /// are retried.</summary>
    private static bool BreaksTheDay(Exception e) =>
        e switch
        {
            PostgresException p => !(
                p.SqlState.StartsWith("08", StringComparison.Ordinal)
                || p.SqlState.StartsWith("40", StringComparison.Ordinal)
                || p.SqlState.StartsWith("53", StringComparison.Ordinal)
                || p.SqlState.StartsWith("57", StringComparison.Ordinal)
            ),
            InvalidCastException or OverflowException or FormatException => true,
            _ => false,
        };

    private async Task<long?> FindCulpritAsync(
        NpgsqlConnection connection,
        DateTime from,
        DateTime to,
        CancellationToken cancellationToken
    )
    {
        await using var list = SqlParameterBag.Command(sql.EndedPandaIds(), ("from", from), ("to", to));
        var ids = await panda.ReadAllAsync(list, r => r.GetInt64(0), cancellationToken);
        if (ids.Count == 0 || !await ProbeFailsAsync(connection, from, to, new(ids[0], ids[^1]), cancellationToken))
        {
            return null;
        }

        var (low, high) = (0, ids.Count - 1);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (await ProbeFailsAsync(connection, from, to, new(ids[low], ids[middle]), cancellationToken))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return ids[low];
    }

    private async Task<bool> ProbeFailsAsync(
        NpgsqlConnection connection,
        DateTime from,
        DateTime to,
        PandaIdRange range,
        CancellationToken cancellationToken
    )
    {
        try
        {
            await RecomputeAsync(connection, from, to, null, false, cancellationToken, range);
            return false;
        }
        catch (Exception e) when (BreaksTheDay(e))
        {
            return true;
        }
    }

    private async Task RecordSkippedAsync(
        NpgsqlConnection connection,
        DateTime day,
        string note,
        DateTime? watermark,
        CancellationToken cancellationToken
    )
    {
        await ForgetSkippedAsync(connection, day, cancellationToken);
        await using var command = SqlParameterBag.Command(
            $"UPDATE {sql.Schema}.rollup_state SET skipped_days = concat_ws(E'\\n', skipped_days, @note), "
                + "watermark = CASE WHEN @advance THEN greatest(watermark, @watermark) ELSE watermark END WHERE "
                + "name = @name",
            ("note", note),
            ("advance", watermark is not null),
            ("watermark", watermark ?? day),
            ("name", StateName)
        );
        command.Connection = connection;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ForgetSkippedAsync(
        NpgsqlConnection connection,
        DateTime day,
        CancellationToken cancellationToken
    )
    {
        await using var command = SqlParameterBag.Command(
            $"UPDATE {sql.Schema}.rollup_state SET skipped_days = nullif(array_to_string(array("
                + "SELECT line FROM unnest(string_to_array(skipped_days, E'\\n')) line WHERE line NOT LIKE @day || "
                + "':%'), E'\\n'), '') "
                + "WHERE name = @name AND skipped_days IS NOT NULL",
            ("day", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("name", StateName)
        );
        command.Connection = connection;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rollups:BackfillDays was raised: the days between the new horizon and the old start are aggregated
    /// too.</summary>
    private async Task<RollupState> ExtendAsync(
        NpgsqlConnection connection,
        RollupState state,
        DateTime horizon,
        CancellationToken cancellationToken
    )
    {
        var from = await BackfillStartAsync(horizon, cancellationToken);
        if (from < state.BackfillFrom)
        {
            logger.LogInformation(
                "Rollups:BackfillDays now reaches {Horizon:yyyy-MM-dd}: aggregating {From:yyyy-MM-dd} to "
                    + "{To:yyyy-MM-dd}",
                horizon,
                from,
                state.BackfillFrom
            );
            var days = 0;
            for (var day = from; day < state.BackfillFrom; day = day.AddDays(1))
            {
                await RecomputeDayAsync(connection, day, day.AddDays(1), advance: false, cancellationToken);
                if (++days % 10 == 0)
                {
                    logger.LogInformation(
                        "Usage rollup backfill extension: {Done} of {Total} days",
                        days,
                        (int)(state.BackfillFrom - from).TotalDays
                    );
                }
            }
        }

        var start = from < state.BackfillFrom ? from : state.BackfillFrom;
        await using var command = SqlParameterBag.Command(
            $"UPDATE {sql.Schema}.rollup_state SET backfill_from = @from, backfill_horizon = @horizon WHERE name = "
                + $"@name",
            ("from", start),
            ("horizon", horizon),
            ("name", StateName)
        );
        command.Connection = connection;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return state with { BackfillFrom = start, BackfillHorizon = horizon };
    }
}
