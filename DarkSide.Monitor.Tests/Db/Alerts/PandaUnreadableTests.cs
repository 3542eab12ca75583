using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Alerts;

/// <summary>
/// "Monitor cannot read PanDA" beyond an unreachable server (AlertDeliveryTests cuts the connection): a grant the
/// reader lost names the table, and rollups that lag past Rollups:StaleAfterMinutes fire it with their own reason.
/// </summary>
[Trait("Kind", "Db")]
public sealed class PandaUnreadableTests : IAsyncLifetime
{
    private PandaTestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        var now = DateTime.UtcNow;
        _db = await PandaTestDatabase.CreateAsync(null, nowUtc: now);
        await AlertIncidentRows.AddAsync(_db, now);
        await UsageRollupHarness.MigrateAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static Dictionary<string, string?> Rules(string staleAfterMinutes) =>
        new()
        {
            ["Alerts:Rules:SiteFailureRate:Enabled"] = "true",
            ["Alerts:Rules:SiteFailureRate:For"] = "0s",
            ["Alerts:Rules:PandaUnreadable:Enabled"] = "true",
            ["Alerts:Rules:PandaUnreadable:For"] = "0s",
            ["Rollups:StaleAfterMinutes"] = staleAfterMinutes,
        };

    [Fact]
    public async Task ALostGrant_FiresWithReasonSchema_NamingTheTable_AndResolvesWhenItIsBack()
    {
        await using var monitor = AlertHarness.Create(_db, null, Rules("0"));
        await _db.ExecuteAsync($"REVOKE SELECT ON doma_panda.jobsarchived4 FROM {PandaTestDatabase.ReaderRole}");

        var cut = await monitor.Evaluator.EvaluateAsync(CancellationToken.None);

        var unreadable = Assert.Single(cut.Alerts, a => a.Rule == AlertEvaluator.PandaUnreadable);
        Assert.Equal((AlertState.Firing, "schema"), (unreadable.State, unreadable.Label("reason")));
        Assert.Contains("jobsarchived4", unreadable.Annotations["description"]);

        await _db.ExecuteAsync($"GRANT SELECT ON doma_panda.jobsarchived4 TO {PandaTestDatabase.ReaderRole}");
        var back = await monitor.Evaluator.EvaluateAsync(CancellationToken.None);

        Assert.Equal(
            AlertState.Resolved,
            Assert.Single(back.Alerts, a => a.Rule == AlertEvaluator.PandaUnreadable).State
        );
        Assert.Equal(AlertState.Firing, Assert.Single(back.Alerts, a => a.Rule == "SiteFailureRate").State);
    }

    [Fact]
    public async Task RollupsNeverAggregated_FireWithReasonRollups_OnlyWhenStalenessIsChecked()
    {
        await using var checking = AlertHarness.Create(_db, null, Rules("30"));
        var step = await checking.Evaluator.EvaluateAsync(CancellationToken.None);

        var lagging = Assert.Single(step.Alerts, a => a.Rule == AlertEvaluator.PandaUnreadable);
        Assert.Equal("rollups", lagging.Label("reason"));
        Assert.Contains("not been aggregated yet", lagging.Annotations["description"]);

        await using var notChecking = AlertHarness.Create(_db, null, Rules("0"));
        var resolved = await notChecking.Evaluator.EvaluateAsync(CancellationToken.None);
        Assert.Equal(
            AlertState.Resolved,
            Assert.Single(resolved.Alerts, a => a.Rule == AlertEvaluator.PandaUnreadable).State
        );
    }
}
