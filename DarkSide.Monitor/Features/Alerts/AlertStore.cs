using System.Data.Common;
using System.Text.Json;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>How delivery to Alertmanager went, as every replica's /alerts tells it.</summary>
public sealed record AlertDeliveryStatus(
    DateTime? EvaluatedAtUtc,
    string? Evaluator,
    DateTime? AttemptedAtUtc,
    DateTime? DeliveredAtUtc,
    DateTime? FailingSinceUtc,
    long Failures,
    string? Error
);

/// <summary>
/// The alerts' state and history in the monitor's schema. Only the evaluating instance writes; every instance reads.
/// </summary>
public sealed class AlertStore(MonitorDatabase monitor, IOptions<MonitorStoreOptions> store, AlertOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Schema => store.Value.Schema;

    private const string Columns =
        "key, rule, labels, annotations, value, state, active_since, fired_at, resolved_at, evaluated_at";

    public async Task<IReadOnlyList<AlertInstance>> ReadCurrentAsync(CancellationToken cancellationToken) =>
        await monitor.ReadAllAsync(
            SqlParameterBag.Command($"SELECT {Columns} FROM {Schema}.alerts ORDER BY key"),
            ReadAlert,
            cancellationToken
        );

    /// <summary>
    /// Replaces the kept alerts with one evaluation's, adds its events to the history and forgets history older
    /// than Alerts:HistoryDays, in one implicit transaction (one batch).
    /// </summary>
    public async Task SaveAsync(
        AlertStateMachine.Step step,
        DateTime nowUtc,
        string evaluator,
        CancellationToken cancellationToken
    )
    {
        var alerts = JsonSerializer.Serialize(step.Alerts.Select(Row), Json);
        var events = JsonSerializer.Serialize(
            step.Events.Select(e => new
            {
                at = e.AtUtc,
                @event = e.Event,
                alert = Row(e.Alert),
            }),
            Json
        );
        await monitor.ExecuteAsync(
            SqlParameterBag.Command(
                $"""
                DELETE FROM {Schema}.alerts;
                INSERT INTO {Schema}.alerts ({Columns})
                SELECT {Columns} FROM jsonb_to_recordset(@alerts) AS a(key text, rule text, labels jsonb,
                    annotations jsonb, value double precision, state text, active_since timestamptz,
                    fired_at timestamptz, resolved_at timestamptz, evaluated_at timestamptz);
                INSERT INTO {Schema}.alert_history (at, key, rule, event, labels, annotations, value, fired_at)
                SELECT (e->>'at')::timestamptz, e->'alert'->>'key', e->'alert'->>'rule', e->>'event',
                    e->'alert'->'labels', e->'alert'->'annotations', (e->'alert'->>'value')::double precision,
                    (e->'alert'->>'fired_at')::timestamptz
                FROM jsonb_array_elements(@events) e;
                DELETE FROM {Schema}.alert_history WHERE at < @forget;
                UPDATE {Schema}.alert_delivery SET evaluated_at = @now, evaluator = @evaluator;
                """,
                ("alerts", SqlParameterBag.Typed(alerts, NpgsqlDbType.Jsonb)),
                ("events", SqlParameterBag.Typed(events, NpgsqlDbType.Jsonb)),
                ("forget", nowUtc.AddDays(-options.HistoryDays)),
                ("now", nowUtc),
                ("evaluator", evaluator)
            ),
            cancellationToken
        );
    }

    /// <summary>Alertmanager took this batch: resolved alerts sent in it are done with.</summary>
    public Task DeliveredAsync(IReadOnlyList<string> resolvedKeys, DateTime nowUtc, CancellationToken token) =>
        monitor.ExecuteAsync(
            SqlParameterBag.Command(
                $"""
                DELETE FROM {Schema}.alerts WHERE state = 'resolved' AND key = ANY(@keys);
                UPDATE {Schema}.alert_delivery SET attempted_at = @now, delivered_at = @now, failing_since = NULL,
                    error = NULL;
                """,
                ("keys", resolvedKeys.ToArray()),
                ("now", nowUtc)
            ),
            token
        );

    public Task DeliveryFailedAsync(string error, DateTime nowUtc, CancellationToken token) =>
        monitor.ExecuteAsync(
            SqlParameterBag.Command(
                $"""
                UPDATE {Schema}.alert_delivery SET attempted_at = @now, failing_since = coalesce(failing_since, @now),
                    failures = failures + 1, error = @error
                """,
                ("now", nowUtc),
                ("error", error)
            ),
            token
        );

    public async Task<AlertDeliveryStatus> ReadDeliveryAsync(CancellationToken cancellationToken)
    {
        var rows = await monitor.ReadAllAsync(
            SqlParameterBag.Command(
                $"SELECT evaluated_at, evaluator, attempted_at, delivered_at, failing_since, failures, error "
                    + $"FROM {Schema}.alert_delivery"
            ),
            r => new AlertDeliveryStatus(
                Time(r, 0),
                r.IsDBNull(1) ? null : r.GetString(1),
                Time(r, 2),
                Time(r, 3),
                Time(r, 4),
                r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetString(6)
            ),
            cancellationToken
        );
        return rows.Count == 1 ? rows[0] : new AlertDeliveryStatus(null, null, null, null, null, 0, null);
    }

    /// <summary>The fired and resolved events since <paramref name="sinceUtc"/>, newest first.</summary>
    public async Task<IReadOnlyList<AlertEvent>> ReadHistoryAsync(DateTime sinceUtc, CancellationToken token) =>
        await monitor.ReadAllAsync(
            SqlParameterBag.Command(
                $"""
                SELECT at, event, key, rule, labels, annotations, value, fired_at
                FROM {Schema}.alert_history WHERE at >= @since ORDER BY at DESC, id DESC LIMIT 1000
                """,
                ("since", sinceUtc)
            ),
            r =>
            {
                var at = r.GetDateTime(0);
                var resolved = r.GetString(1) == "resolved";
                var alert = new AlertInstance(
                    r.GetString(2),
                    r.GetString(3),
                    Map(r.GetString(4)),
                    Map(r.GetString(5)),
                    r.GetDouble(6),
                    resolved ? AlertState.Resolved : AlertState.Firing,
                    Time(r, 7) ?? at,
                    Time(r, 7),
                    resolved ? at : null,
                    at
                );
                return new AlertEvent(at, r.GetString(1), alert);
            },
            token
        );

    private static object Row(AlertInstance a) =>
        new
        {
            key = a.Key,
            rule = a.Rule,
            labels = a.Labels,
            annotations = a.Annotations,
            value = a.Value,
            state = a.State.ToString().ToLowerInvariant(),
            active_since = a.ActiveSinceUtc,
            fired_at = a.FiredAtUtc,
            resolved_at = a.ResolvedAtUtc,
            evaluated_at = a.EvaluatedAtUtc,
        };

    private static AlertInstance ReadAlert(DbDataReader r) =>
        new(
            r.GetString(0),
            r.GetString(1),
            Map(r.GetString(2)),
            Map(r.GetString(3)),
            r.GetDouble(4),
            Enum.Parse<AlertState>(r.GetString(5), ignoreCase: true),
            r.GetDateTime(6),
            Time(r, 7),
            Time(r, 8),
            r.GetDateTime(9)
        );

    private static DateTime? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);

    private static IReadOnlyDictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
