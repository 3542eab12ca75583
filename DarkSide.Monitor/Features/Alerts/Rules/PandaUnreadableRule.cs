using DarkSide.Monitor.Panda.Db;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>
/// The "no data" alert: the other rules could not read PanDA (unreachable, or a table or grant missing), or the usage
/// rollups lag past Rollups:StaleAfterMinutes. It fires once that held for For, and resolves when PanDA answers.
/// </summary>
public sealed class PandaUnreadableRule(AlertOptions options)
    : AlertRule<PandaUnreadableRuleOptions>(options.Rules.PandaUnreadable)
{
    public const string Unreachable = "unreachable";
    public const string Schema = "schema";
    public const string RollupsLag = "rollups";

    public override string Name => AlertEvaluator.PandaUnreadable;

    public override string Condition =>
        "the rules cannot read PanDA (unreachable, a table or grant missing), or the usage rollups lag past "
        + "Rollups:StaleAfterMinutes";

    /// <summary>Evaluated from the other rules' outcome by the evaluator, not by a statement of its own.</summary>
    public override Task<IReadOnlyList<AlertSample>> EvaluateAsync(AlertContext context, CancellationToken token) =>
        Task.FromResult<IReadOnlyList<AlertSample>>([]);

    public IReadOnlyList<AlertSample> Find(AlertContext context, PandaFault? fault, HealthCheckResult rollups)
    {
        var found = new List<AlertSample>();
        if (fault is not null)
        {
            var reason = fault.Permanent ? Schema : Unreachable;
            found.Add(
                Sample(
                    [(AlertLabels.Reason, reason)],
                    fault.Permanent
                        ? "The monitor cannot read PanDA's tables"
                        : "The monitor cannot reach PanDA's database",
                    fault.Message + " Until it can, the other alert rules keep their last state.",
                    context.Link("/alerts"),
                    1
                )
            );
        }

        if (rollups.Status == HealthStatus.Degraded)
        {
            found.Add(
                Sample(
                    [(AlertLabels.Reason, RollupsLag)],
                    "The usage rollups lag behind PanDA",
                    rollups.Description ?? "The usage rollups are stale.",
                    context.Link("/usage"),
                    1
                )
            );
        }

        return found;
    }
}
