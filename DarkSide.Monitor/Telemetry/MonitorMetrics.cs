using System.Diagnostics.Metrics;

namespace DarkSide.Monitor.Telemetry;

/// <summary>
/// The monitor's own instruments, beside ASP.NET Core's, Npgsql's and the runtime's. Tags are view names and export
/// kinds from the code, never a filter value or a user: a metric must not tell anyone what blind data was asked for.
/// </summary>
public sealed class MonitorMetrics : IDisposable
{
    public const string MeterName = "DarkSide.Monitor";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _circuits;
    private readonly Histogram<double> _refreshDuration;
    private readonly Counter<long> _refreshFailures;
    private readonly Histogram<double> _aggregationDuration;
    private readonly Counter<long> _exports;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Histogram<double> _alertEvaluationDuration;
    private readonly Counter<long> _alertDeliveryFailures;
    private Func<IEnumerable<(string Rule, int Firing)>> _firingAlerts = () => [];
    private Func<IEnumerable<(string View, int Feeds, int Viewers)>> _live = () => [];
    private Func<double?> _rollupLag = () => null;
    private Func<bool> _aggregatorLead = () => false;

    public MonitorMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _circuits = _meter.CreateUpDownCounter<long>(
            "darkside.monitor.circuits.open",
            "{circuit}",
            "Live pages (Blazor circuits) open on this instance."
        );
        _meter.CreateObservableGauge(
            "darkside.monitor.live.views",
            () => _live().Select(v => new Measurement<int>(v.Feeds, new KeyValuePair<string, object?>("view", v.View))),
            "{view}",
            "Distinct live views refreshed now, by page; viewers of the same view share one."
        );
        _meter.CreateObservableGauge(
            "darkside.monitor.live.viewers",
            () =>
                _live().Select(v => new Measurement<int>(v.Viewers, new KeyValuePair<string, object?>("view", v.View))),
            "{viewer}",
            "Open pages subscribed to live views, by page."
        );
        _refreshDuration = _meter.CreateHistogram<double>(
            "darkside.monitor.live.refresh.duration",
            "s",
            "How long one refresh of a live view took, by page."
        );
        _refreshFailures = _meter.CreateCounter<long>(
            "darkside.monitor.live.refresh.failures",
            "{refresh}",
            "Refreshes of a live view that failed, by page."
        );
        _meter.CreateObservableGauge(
            "darkside.monitor.rollups.lag",
            () => _rollupLag() is { } lag ? [new Measurement<double>(lag)] : Array.Empty<Measurement<double>>(),
            "s",
            "How far the usage rollups' watermark is behind now, as the aggregating instance last saw it."
        );
        _meter.CreateObservableGauge(
            "darkside.monitor.rollups.leader",
            () => _aggregatorLead() ? 1 : 0,
            "{instance}",
            "1 on the one instance that aggregates the usage rollups now, 0 on the others."
        );
        _aggregationDuration = _meter.CreateHistogram<double>(
            "darkside.monitor.rollups.run.duration",
            "s",
            "How long one run of the usage aggregator took."
        );
        _exports = _meter.CreateCounter<long>(
            "darkside.monitor.exports",
            "{export}",
            "CSV and JSON downloads served, by kind."
        );
        _rateLimitRefusals = _meter.CreateCounter<long>(
            "darkside.monitor.rate_limit.refusals",
            "{request}",
            "Exports and API calls refused because their user asked too often."
        );
        _alertEvaluationDuration = _meter.CreateHistogram<double>(
            "darkside.monitor.alerts.evaluation.duration",
            "s",
            "How long one evaluation of every alert rule took, on the evaluating instance."
        );
        _alertDeliveryFailures = _meter.CreateCounter<long>(
            "darkside.monitor.alerts.delivery.failures",
            "{attempt}",
            "Attempts to post the alerts to Alertmanager that failed (unreachable or refused)."
        );
        _meter.CreateObservableGauge(
            "darkside.monitor.alerts.firing",
            () =>
                _firingAlerts()
                    .Select(r => new Measurement<int>(r.Firing, new KeyValuePair<string, object?>("rule", r.Rule))),
            "{alert}",
            "Alerts firing now by rule, as the evaluating instance last found them."
        );
    }

    /// <summary>Where the firing-alerts gauge reads from (the evaluating instance's last evaluation).</summary>
    public void ObserveFiringAlerts(Func<IEnumerable<(string Rule, int Firing)>> firing) => _firingAlerts = firing;

    public void AlertsEvaluated(TimeSpan elapsed) => _alertEvaluationDuration.Record(elapsed.TotalSeconds);

    public void AlertDeliveryFailed() => _alertDeliveryFailures.Add(1);

    public void CircuitOpened() => _circuits.Add(1);

    public void CircuitClosed() => _circuits.Add(-1);

    /// <summary>Where the live views' gauges read from (the live refresh hub).</summary>
    public void ObserveLiveViews(Func<IEnumerable<(string View, int Feeds, int Viewers)>> live) => _live = live;

    /// <summary>Where the rollup lag gauge reads from (the aggregator's last run).</summary>
    public void ObserveRollupLag(Func<double?> lagSeconds) => _rollupLag = lagSeconds;

    /// <summary>Where the leader gauge reads from (the aggregator's leadership).</summary>
    public void ObserveAggregatorLead(Func<bool> leads) => _aggregatorLead = leads;

    public void Refreshed(string view, TimeSpan elapsed) =>
        _refreshDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("view", view));

    public void RefreshFailed(string view) => _refreshFailures.Add(1, new KeyValuePair<string, object?>("view", view));

    public void Aggregated(TimeSpan elapsed) => _aggregationDuration.Record(elapsed.TotalSeconds);

    public void Exported(string kind) => _exports.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void RateLimitRefused() => _rateLimitRefusals.Add(1);

    public void Dispose() => _meter.Dispose();
}
