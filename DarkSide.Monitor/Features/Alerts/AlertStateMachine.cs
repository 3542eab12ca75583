namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// Prometheus' alert lifecycle: a condition that holds becomes pending, fires once it held for the rule's For, and
/// resolves when it stops holding; a pending one that stops holding is dropped. Rules that could not be evaluated
/// this time keep their alerts as they were (a database fault is not a recovery).
/// </summary>
public static class AlertStateMachine
{
    public sealed record Step(IReadOnlyList<AlertInstance> Alerts, IReadOnlyList<AlertEvent> Events);

    /// <param name="previous">The alerts kept from the last evaluation: pending, firing, resolved not yet sent.</param>
    /// <param name="evaluated">The rules evaluated now, each with its pending period.</param>
    /// <param name="samples">What the evaluated rules found.</param>
    public static Step Advance(
        IReadOnlyList<AlertInstance> previous,
        IReadOnlyDictionary<string, TimeSpan> evaluated,
        IReadOnlyList<AlertSample> samples,
        DateTime nowUtc
    )
    {
        var found = samples.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First());
        var alerts = new List<AlertInstance>();
        var events = new List<AlertEvent>();
        foreach (var alert in previous)
        {
            if (!evaluated.ContainsKey(alert.Rule))
            {
                alerts.Add(alert);
            }
            else if (found.Remove(alert.Key, out var sample))
            {
                // A resolved alert found again starts over: a new pending alert with the same labels.
                alerts.Add(
                    alert.State == AlertState.Resolved
                        ? Start(sample, evaluated[alert.Rule], nowUtc, events)
                        : Hold(alert, sample, evaluated[alert.Rule], nowUtc, events)
                );
            }
            else if (alert.State == AlertState.Firing)
            {
                var resolved = alert with
                {
                    State = AlertState.Resolved,
                    ResolvedAtUtc = nowUtc,
                    EvaluatedAtUtc = nowUtc,
                };
                alerts.Add(resolved);
                events.Add(new AlertEvent(nowUtc, "resolved", resolved));
            }
            else if (alert.State == AlertState.Resolved)
            {
                alerts.Add(alert);
            }
        }

        foreach (var sample in found.Values)
        {
            alerts.Add(Start(sample, evaluated[sample.Rule], nowUtc, events));
        }

        return new Step(alerts, events);
    }

    /// <summary>
    /// Alerts of rules no longer configured or enabled: firing ones resolve, pending ones go.
    /// </summary>
    public static Step Retire(IReadOnlyList<AlertInstance> previous, IReadOnlySet<string> rules, DateTime nowUtc)
    {
        var gone = previous
            .Where(a => !rules.Contains(a.Rule))
            .Select(a => a.Rule)
            .Distinct()
            .ToDictionary(r => r, _ => TimeSpan.Zero);
        return Advance(previous, gone, [], nowUtc);
    }

    private static AlertInstance Start(AlertSample sample, TimeSpan pending, DateTime nowUtc, List<AlertEvent> events)
    {
        var alert = new AlertInstance(
            sample.Key,
            sample.Rule,
            sample.Labels,
            sample.Annotations,
            sample.Value,
            AlertState.Pending,
            nowUtc,
            null,
            null,
            nowUtc
        );
        return Hold(alert, sample, pending, nowUtc, events);
    }

    private static AlertInstance Hold(
        AlertInstance alert,
        AlertSample sample,
        TimeSpan pending,
        DateTime nowUtc,
        List<AlertEvent> events
    )
    {
        var held = alert with { Annotations = sample.Annotations, Value = sample.Value, EvaluatedAtUtc = nowUtc };
        if (held.State == AlertState.Pending && nowUtc - held.ActiveSinceUtc >= pending)
        {
            held = held with { State = AlertState.Firing, FiredAtUtc = nowUtc };
            events.Add(new AlertEvent(nowUtc, "fired", held));
        }

        return held;
    }
}
