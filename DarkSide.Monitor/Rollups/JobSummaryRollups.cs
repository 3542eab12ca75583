using System.Globalization;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Store;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Rollups;

/// <summary>
/// Serves the job list's summaries for the whole hours of jobsarchived4 that the aggregator holds: whole days from
/// the daily tables, the hours around them from the hourly ones. It answers only what it can answer exactly: no
/// filter but on jobstatus and computingsite, hours the aggregator finished with the blind scopes this process uses,
/// no skipped day.
/// </summary>
public sealed class JobSummaryRollups(MonitorDatabase monitor, UsageRollupSql sql, ILogger<JobSummaryRollups> logger)
    : IJobSummaryRollups
{
    public async Task<RolledUpJobSummary?> ReadAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await ReadRolledUpAsync(query, viewer, cancellationToken);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The summaries are still exact from PanDA alone, only slower; the SQLSTATE names the trouble.
            logger.LogWarning(
                "Job summaries are read from PanDA alone: the rollups could not be read ({Code})",
                e is PostgresException p ? p.SqlState : e.GetType().Name
            );
            return null;
        }
    }

    private async Task<RolledUpJobSummary?> ReadRolledUpAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        if (query.DropRetried || query.Window.FromUtc is not { } from || !TryKeys(query, out var keys))
        {
            return null;
        }

        var served = await ServedHoursAsync(from, query.Window.ToUtc, cancellationToken);
        if (served is not var (low, high))
        {
            return null;
        }

        var where = (viewer.ExcludesBlindJobs ? " AND NOT blind" : "") + keys.Where;
        var ranges = new RollupRanges(low, high, sql.Schema, where);
        var values = await monitor.ReadAllAsync(
            ranges.Command(ValuesSql(ranges), keys),
            r => new RolledUpValue(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2)),
            cancellationToken
        );
        var errors = await monitor.ReadAllAsync(
            ranges.Command(ErrorsSql(ranges, viewer), keys),
            r => new RolledUpError(
                r.GetString(0),
                r.GetInt32(1),
                r.GetInt64(2),
                r.GetInt64(3),
                r.IsDBNull(4) ? null : r.GetString(4)
            ),
            cancellationToken
        );
        return new RolledUpJobSummary(low, high, values, errors);
    }

    /// <summary>
    /// The rollups keep every job's site and status: of the filters, a list of statuses and sites named exactly (as
    /// the repository resolves them to PanDA's spellings) are served from them.
    /// </summary>
    private static bool TryKeys(JobQuery query, out RollupKeys keys)
    {
        keys = new(null, null);
        foreach (var filter in query.Filters)
        {
            switch (filter)
            {
                case StatusListJobFilter { Field.Column: "jobstatus" } status when keys.Statuses is null:
                    keys = keys with { Statuses = [.. status.Statuses] };
                    break;
                case ResolvedTextJobFilter { Field.Column: "computingsite" } site when keys.Sites is null:
                    keys = keys with { Sites = [.. site.Values] };
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The statuses and sites a summary is limited to (null: all).</summary>
    private sealed record RollupKeys(string[]? Statuses, string[]? Sites)
    {
        public string Where =>
            (Statuses is null ? "" : " AND jobstatus = ANY(@statuses)")
            + (Sites is null ? "" : " AND computingsite = ANY(@sites)");
    }

    /// <summary>
    /// The whole hours of [from, to) that the aggregator has finished with this process's definition and blind
    /// scopes, from its first aggregated day up to the hour of its last run; null when there are none.
    /// </summary>
    private async Task<(DateTime Low, DateTime High)?> ServedHoursAsync(
        DateTime from,
        DateTime? to,
        CancellationToken cancellationToken
    )
    {
        var command = SqlParameterBag.Command(
            $"SELECT watermark, backfill_from, skipped_days FROM {sql.Schema}.rollup_state "
                + "WHERE name = @name AND blind_scopes = @fingerprint AND watermark IS NOT NULL",
            ("name", UsageAggregator.StateName),
            ("fingerprint", sql.Fingerprint)
        );
        var states = await monitor.ReadAllAsync(
            command,
            r =>
                (
                    Watermark: r.GetDateTime(0),
                    Start: r.IsDBNull(1) ? DateTime.MaxValue : r.GetDateTime(1),
                    Skipped: r.IsDBNull(2) ? [] : r.GetString(2).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                ),
            cancellationToken
        );
        if (states is not [var state])
        {
            return null;
        }

        var low = Max(HourCeiling(from), state.Start);
        var high = UsageAggregator.HourFloor(state.Watermark);
        if (to is { } end && UsageAggregator.HourFloor(end) < high)
        {
            high = UsageAggregator.HourFloor(end);
        }

        var skipped = state.Skipped.Select(line =>
            DateTime.ParseExact(line[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)
        );
        return low < high && !skipped.Any(day => day < high && day.AddDays(1) > low) ? (low, high) : null;
    }

    private static string ValuesSql(RollupRanges ranges) =>
        $"SELECT field, value, sum(jobs)::bigint FROM ({ranges.Union("field, value, jobs", "job_summary")}) r "
        + "GROUP BY field, value";

    private static string ErrorsSql(RollupRanges ranges, ViewerAccess viewer)
    {
        var sample = viewer.CanSeeBlindData ? "min(sample)" : "min(sample) FILTER (WHERE NOT blind)";
        return $"SELECT component, code, sum(jobs)::bigint, min(example), {sample} "
            + $"FROM ({ranges.Union("component, code, jobs, example, sample, blind", "job_errors")}) r "
            + "GROUP BY component, code";
    }

    private static DateTime HourCeiling(DateTime t)
    {
        var floor = UsageAggregator.HourFloor(t);
        return floor == t ? floor : floor.AddHours(1);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>
    /// [low, high) as the daily tables' whole days and the hourly tables' hours before and after them.
    /// </summary>
    private sealed class RollupRanges
    {
        private readonly DateTime _low;
        private readonly DateTime _high;
        private readonly DateTime _firstDay;
        private readonly DateTime _endDay;
        private readonly string _schema;
        private readonly string _where;

        /// <param name="where">Conditions on a rollup row, each starting with " AND".</param>
        public RollupRanges(DateTime low, DateTime high, string schema, string where)
        {
            (_low, _high, _schema, _where) = (low, high, schema, where);
            var firstDay = UsageAggregator.DayFloor(low) == low ? low : UsageAggregator.DayFloor(low).AddDays(1);
            var endDay = UsageAggregator.DayFloor(high);
            // No whole day inside: the hourly table serves it all.
            (_firstDay, _endDay) = firstDay < endDay ? (firstDay, endDay) : (high, high);
        }

        public string Union(string columns, string table) =>
            $"SELECT {columns} FROM {_schema}.{table}_daily WHERE day >= @first_day AND day < @end_day{_where} "
            + $"UNION ALL SELECT {columns} FROM {_schema}.{table}_hourly "
            + $"WHERE hour >= @low AND hour < @first_day{_where} "
            + $"UNION ALL SELECT {columns} FROM {_schema}.{table}_hourly "
            + $"WHERE hour >= @end_day AND hour < @high{_where}";

        public NpgsqlCommand Command(string text, RollupKeys keys) =>
            SqlParameterBag.Command(
                text,
                ("low", Timestamp(_low)),
                ("high", Timestamp(_high)),
                ("first_day", Timestamp(_firstDay)),
                ("end_day", Timestamp(_endDay)),
                ("statuses", SqlParameterBag.Typed(keys.Statuses, NpgsqlDbType.Array | NpgsqlDbType.Text)),
                ("sites", SqlParameterBag.Typed(keys.Sites, NpgsqlDbType.Array | NpgsqlDbType.Text))
            );

        private static SqlParameterBag.TypedValue Timestamp(DateTime t) =>
            SqlParameterBag.Typed(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
    }
}
