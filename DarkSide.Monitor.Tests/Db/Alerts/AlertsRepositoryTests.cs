using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Tests.Infrastructure;
using static DarkSide.Monitor.Tests.Infrastructure.AlertIncidentRows;

namespace DarkSide.Monitor.Tests.Db.Alerts;

/// <summary>
/// /alerts' report over the kept state: with Iam:BlindJobs=Hide a viewer without blind access does not learn that
/// a blind task exists; everyone else sees its alert by ID and owner, as the notifications carry it.
/// </summary>
[Trait("Kind", "Db")]
public sealed class AlertsRepositoryTests : IAsyncLifetime
{
    private PandaTestDatabase _db = null!;
    private AlertHarness _monitor = null!;

    public async Task InitializeAsync()
    {
        var now = DateTime.UtcNow;
        _db = await PandaTestDatabase.CreateAsync(null, nowUtc: now);
        await AddAsync(_db, now);
        await UsageRollupHarness.MigrateAsync(_db);
        _monitor = AlertHarness.Create(
            _db,
            null,
            new() { ["Alerts:Rules:TaskInTrouble:Enabled"] = "true", ["Alerts:Rules:TaskInTrouble:MinJobs"] = "1" }
        );
        await _monitor.Evaluator.EvaluateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _monitor.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>/alerts without parameters.</summary>
    private static AlertsQuery DefaultQuery()
    {
        var (query, errors) = AlertsQuery.Parse(
            new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(),
            DateTime.UtcNow
        );
        Assert.Empty(errors);
        return query!;
    }

    private async Task<IReadOnlyList<string?>> TasksAsync(ViewerAccess viewer)
    {
        var report = await _monitor.Repository.GetAsync(DefaultQuery(), viewer, CancellationToken.None);
        return [.. report.Current.Select(r => r.Alert.Label("jeditaskid")).Order()];
    }

    [Fact]
    public async Task HideMode_LeavesOutTheBlindTasksAlert_ForAViewerWithoutBlindAccessOnly()
    {
        var hiding = new ViewerAccess("shifter", CanSeeBlindData: false) { HidesBlindJobs = true };
        var redacting = new ViewerAccess("shifter", CanSeeBlindData: false);
        var analyst = new ViewerAccess("analyst", CanSeeBlindData: true) { HidesBlindJobs = true };

        var all = await TasksAsync(redacting);
        Assert.Contains(BlindTask.ToString(), all);
        Assert.Contains(ExhaustedTask.ToString(), all);
        Assert.Equal(all.Where(t => t != BlindTask.ToString()), await TasksAsync(hiding));
        Assert.Equal(all, await TasksAsync(analyst));
    }

    [Fact]
    public async Task FiringCount_IsWhatTheViewerSeesFiring_SoTheBadgeDoesNotCountAHiddenBlindTask()
    {
        var hiding = new ViewerAccess("shifter", CanSeeBlindData: false) { HidesBlindJobs = true };
        var redacting = new ViewerAccess("shifter", CanSeeBlindData: false);
        async Task<(int Badge, int Listed)> CountsAsync(ViewerAccess viewer)
        {
            var report = await _monitor.Repository.GetAsync(DefaultQuery(), viewer, CancellationToken.None);
            var badge = await _monitor.Repository.CountFiringAsync(viewer, CancellationToken.None);
            return (badge.Firing, report.Current.Count(r => r.Alert.State == AlertState.Firing));
        }

        var open = await CountsAsync(redacting);
        var hidden = await CountsAsync(hiding);

        Assert.Equal(open.Listed, open.Badge);
        Assert.Equal(hidden.Listed, hidden.Badge);
        // The blind task's alert fires (TaskInTrouble's For is 0s), so the hiding viewer counts one fewer.
        Assert.Equal(open.Badge - 1, hidden.Badge);
    }
}
