using DarkSide.Monitor.Features.Alerts;

namespace DarkSide.Monitor.Tests.Unit.Alerts;

/// <summary>Prometheus' alert lifecycle as a shift relies on it: pending, firing after For, resolved, again.</summary>
public sealed class AlertStateMachineTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 3, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, TimeSpan> FiveMinutes = new()
    {
        ["SiteFailureRate"] = TimeSpan.FromMinutes(5),
    };

    private static AlertSample Site(string site, double value = 60) =>
        new(
            "SiteFailureRate",
            new Dictionary<string, string> { ["alertname"] = "SiteFailureRate", ["computingsite"] = site },
            new Dictionary<string, string> { ["summary"] = $"{site} {value}" },
            value
        );

    private static AlertStateMachine.Step At(
        IReadOnlyList<AlertInstance> previous,
        int minute,
        params AlertSample[] found
    ) => AlertStateMachine.Advance(previous, FiveMinutes, found, T0.AddMinutes(minute));

    [Fact]
    public void ACondition_IsPendingUntilItHeldForFor_ThenFiresOnce()
    {
        var first = At([], 0, Site("A"));
        var second = At(first.Alerts, 4, Site("A"));
        var third = At(second.Alerts, 5, Site("A", 70));
        var fourth = At(third.Alerts, 6, Site("A", 80));

        Assert.Equal(AlertState.Pending, Assert.Single(first.Alerts).State);
        Assert.Empty(first.Events);
        Assert.Equal(AlertState.Pending, Assert.Single(second.Alerts).State);
        var fired = Assert.Single(third.Events);
        Assert.Equal("fired", fired.Event);
        Assert.Equal(T0.AddMinutes(5), fired.Alert.FiredAtUtc);
        Assert.Equal(T0, fired.Alert.ActiveSinceUtc);
        Assert.Empty(fourth.Events);
        var firing = Assert.Single(fourth.Alerts);
        Assert.Equal((AlertState.Firing, 80.0, T0.AddMinutes(5)), (firing.State, firing.Value, firing.FiredAtUtc));
        Assert.Equal("A 80", firing.Annotations["summary"]);
    }

    [Fact]
    public void APendingConditionThatStops_IsDroppedWithoutAnEvent()
    {
        var pending = At([], 0, Site("A"));

        var gone = At(pending.Alerts, 1);

        Assert.Empty(gone.Alerts);
        Assert.Empty(gone.Events);
    }

    [Fact]
    public void AFiringAlertWhoseConditionStops_Resolves_AndIsKeptUntilDelivered()
    {
        var firing = At(At([], 0, Site("A")).Alerts, 5, Site("A"));

        var resolved = At(firing.Alerts, 9);
        var later = At(resolved.Alerts, 10);

        var alert = Assert.Single(resolved.Alerts);
        Assert.Equal((AlertState.Resolved, T0.AddMinutes(9)), (alert.State, alert.ResolvedAtUtc));
        Assert.Equal("resolved", Assert.Single(resolved.Events).Event);
        Assert.Equal(alert, Assert.Single(later.Alerts));
        Assert.Empty(later.Events);
    }

    [Fact]
    public void AResolvedAlertFoundAgain_StartsOverAsPending()
    {
        var resolved = At(At(At([], 0, Site("A")).Alerts, 5, Site("A")).Alerts, 9);

        var again = At(resolved.Alerts, 10, Site("A"));

        var alert = Assert.Single(again.Alerts);
        Assert.Equal(
            (AlertState.Pending, T0.AddMinutes(10), (DateTime?)null),
            (alert.State, alert.ActiveSinceUtc, alert.FiredAtUtc)
        );
    }

    [Fact]
    public void ARuleThatCouldNotBeEvaluated_KeepsItsAlertsAsTheyWere()
    {
        var firing = At(At([], 0, Site("A")).Alerts, 5, Site("A"));

        var unread = AlertStateMachine.Advance(firing.Alerts, new Dictionary<string, TimeSpan>(), [], T0.AddMinutes(6));

        Assert.Equal(firing.Alerts, unread.Alerts);
        Assert.Empty(unread.Events);
    }

    [Fact]
    public void ZeroFor_FiresAtTheFirstEvaluation()
    {
        var step = AlertStateMachine.Advance(
            [],
            new Dictionary<string, TimeSpan> { ["SiteFailureRate"] = TimeSpan.Zero },
            [Site("A")],
            T0
        );

        Assert.Equal(AlertState.Firing, Assert.Single(step.Alerts).State);
        Assert.Equal("fired", Assert.Single(step.Events).Event);
    }

    [Fact]
    public void AlertsOfARuleNoLongerEnabled_Resolve()
    {
        var firing = At(At([], 0, Site("A"), Site("B")).Alerts, 5, Site("A"), Site("B"));

        var retired = AlertStateMachine.Retire(firing.Alerts, new HashSet<string>(), T0.AddMinutes(6));

        Assert.All(retired.Alerts, a => Assert.Equal(AlertState.Resolved, a.State));
        Assert.Equal(2, retired.Events.Count);
    }

    [Fact]
    public void TwoSitesAreTwoAlerts_KeyedByTheirLabels()
    {
        var step = At([], 0, Site("A"), Site("B"), Site("A"));

        Assert.Equal(
            ["alertname=SiteFailureRate,computingsite=A", "alertname=SiteFailureRate,computingsite=B"],
            step.Alerts.Select(a => a.Key).Order()
        );
    }
}
