using DarkSide.Monitor.Features.Alerts.Rules;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Rollups;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// One evaluation of every enabled rule: PanDA's rules in turn, then "Monitor cannot read PanDA" from what they met,
/// the lifecycle step from the kept state, and the result saved. A rule whose statement failed keeps its alerts.
/// </summary>
public sealed class AlertEvaluator(
    IEnumerable<IAlertRule> rules,
    AlertOptions options,
    AlertStore store,
    RollupFreshnessHealthCheck rollups,
    TimeProvider time,
    ILogger<AlertEvaluator> logger
)
{
    public const string PandaUnreadable = "PandaUnreadable";

    private readonly IReadOnlyList<IAlertRule> _rules = [.. rules];

    /// <summary>The rules of this configuration, "Monitor cannot read PanDA" last, enabled or not.</summary>
    public IReadOnlyList<IAlertRule> Rules => _rules;

    public async Task<AlertStateMachine.Step> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var context = new AlertContext(now, options.MonitorUrl);
        var previous = await store.ReadCurrentAsync(cancellationToken);
        var evaluated = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var samples = new List<AlertSample>();
        PandaFault? fault = null;
        foreach (var rule in _rules.Where(r => r.Options.Enabled && r is not PandaUnreadableRule))
        {
            try
            {
                samples.AddRange(await rule.EvaluateAsync(context, cancellationToken));
                evaluated[rule.Name] = AlertDuration.Parse(rule.Options.For);
            }
            catch (Exception e)
                when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                fault = PandaFault.Classify(e);
                logger.LogWarning("Alert rule {Rule} could not read PanDA: {Fault}", rule.Name, fault.Message);
                if (!fault.Permanent)
                {
                    // The next rules would wait for the same unreachable server; they keep their alerts too.
                    break;
                }
            }
        }

        if (_rules.OfType<PandaUnreadableRule>().FirstOrDefault(r => r.Options.Enabled) is { } unreadable)
        {
            var health = await rollups.CheckHealthAsync(new HealthCheckContext(), cancellationToken);
            samples.AddRange(unreadable.Find(context, fault, health));
            evaluated[unreadable.Name] = AlertDuration.Parse(unreadable.Options.For);
        }

        var step = AlertStateMachine.Advance(previous, evaluated, samples, now);
        var enabled = _rules.Where(r => r.Options.Enabled).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var retired = AlertStateMachine.Retire(step.Alerts, enabled, now);
        step = new AlertStateMachine.Step(retired.Alerts, [.. step.Events, .. retired.Events]);
        await store.SaveAsync(step, now, Environment.MachineName, cancellationToken);
        foreach (var e in step.Events)
        {
            logger.LogInformation("Alert {Event}: {Key}", e.Event, e.Alert.Key);
        }

        return step;
    }
}
