using System.Text.Json;
using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Tests.EndToEnd;
using DarkSide.Monitor.Tests.Infrastructure;
using Npgsql;
using static DarkSide.Monitor.Tests.Infrastructure.AlertIncidentRows;

namespace DarkSide.Monitor.Tests.Db.Alerts;

/// <summary>
/// The rules' alerts through the real Alertmanager running deploy/alertmanager's configuration, to a real SMTP server
/// and a chat webhook: what a shift receives, once, and what it does not. Each test has its own database and its own
/// site names (a tag), so their alerts stay apart in the one Alertmanager.
/// </summary>
[Trait("Kind", "Db")]
public sealed class AlertDeliveryTests(AlertingServers servers) : IClassFixture<AlertingServers>, IAsyncLifetime
{
    private readonly string _tag = "-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private PandaTestDatabase _db = null!;

    private string Failing => FailingSite + _tag;

    private string Small => SmallSite + _tag;

    public async Task InitializeAsync()
    {
        var now = DateTime.UtcNow;
        _db = await PandaTestDatabase.CreateAsync(null, nowUtc: now);
        await AddAsync(_db, now, _tag);
        await UsageRollupHarness.MigrateAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private AlertHarness Instance(Dictionary<string, string?> settings, string? panda = null) =>
        AlertHarness.Create(_db, servers.AlertmanagerUrl, settings, panda);

    private static Dictionary<string, string?> SiteFailures(string pending = "0s", int minJobs = 20) =>
        new()
        {
            ["Alerts:Rules:SiteFailureRate:Enabled"] = "true",
            ["Alerts:Rules:SiteFailureRate:For"] = pending,
            ["Alerts:Rules:SiteFailureRate:MinJobs"] = minJobs.ToString(),
        };

    private async Task<int> EmailsAsync(string status, string site) =>
        (await servers.EmailsAsync()).Count(m => m.Subject == $"[DarkSide {status}] SiteFailureRate {site}");

    private int ChatPosts(string status, string site) =>
        servers.ChatPosts.Count(p => p.Contains($"{status}: {site}:", StringComparison.Ordinal));

    private async Task<JsonElement?> InAlertmanagerAsync(string alertname, string site)
    {
        var (_, alerts) = await servers.AlertmanagerAlertsAsync();
        return alerts
            .Where(a =>
                a.GetProperty("labels").GetProperty("alertname").GetString() == alertname
                && a.GetProperty("labels").TryGetProperty("computingsite", out var s)
                && s.GetString() == site
            )
            .Select(a => (JsonElement?)a)
            .FirstOrDefault();
    }

    /// <summary>The failing site's jobs all finish: its condition stops holding.</summary>
    private Task RepairAsync(string site) =>
        _db.ExecuteAsync(
            "UPDATE doma_panda.jobsarchived4 SET jobstatus = 'finished' WHERE computingsite = @site",
            ("site", site)
        );

    [Fact]
    public async Task AFailureBurst_GoesPendingThenFiring_IsMailedAndPostedOnce_ThenResolved()
    {
        await using var monitor = Instance(SiteFailures(pending: "2s"));

        var (first, _) = await monitor.EvaluateAndDeliverAsync();
        Assert.Equal(AlertState.Pending, Assert.Single(first.Alerts).State);
        Assert.Null(await InAlertmanagerAsync("SiteFailureRate", Failing));
        await Poll.UntilAsync(
            "the pending alert firing after For",
            async () => (await monitor.EvaluateAndDeliverAsync()).Step.Alerts.Single().State == AlertState.Firing
        );
        await Poll.UntilAsync("the firing email", async () => await EmailsAsync("FIRING", Failing) == 1);
        await Poll.UntilAsync("the firing chat post", () => Task.FromResult(ChatPosts("FIRING", Failing) == 1));
        // Re-sent at every evaluation, as Alertmanager expects: still one notification.
        await monitor.EvaluateAndDeliverAsync();
        await monitor.EvaluateAndDeliverAsync();

        await RepairAsync(Failing);
        var (resolved, delivered) = await monitor.EvaluateAndDeliverAsync();

        Assert.True(delivered);
        Assert.Equal(AlertState.Resolved, Assert.Single(resolved.Alerts).State);
        await Poll.UntilAsync("the resolved email", async () => await EmailsAsync("RESOLVED", Failing) == 1);
        await Poll.UntilAsync("the resolved chat post", () => Task.FromResult(ChatPosts("RESOLVED", Failing) == 1));
        // Alertmanager sends a group's notifications in order: a second firing one would have come before.
        Assert.Equal(1, await EmailsAsync("FIRING", Failing));
        Assert.Equal(1, ChatPosts("FIRING", Failing));
        Assert.Empty(await monitor.Store.ReadCurrentAsync(CancellationToken.None));
        var history = await monitor.Store.ReadHistoryAsync(DateTime.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal(["resolved", "fired"], history.Select(e => e.Event));
    }

    [Fact]
    public async Task ARestartedMonitor_CarriesOnTheFiringAlert_WithoutPagingAgain()
    {
        string startsAt;
        await using (var before = Instance(SiteFailures()))
        {
            await before.EvaluateAndDeliverAsync();
            await Poll.UntilAsync("the firing email", async () => await EmailsAsync("FIRING", Failing) == 1);
            startsAt = (await InAlertmanagerAsync("SiteFailureRate", Failing))!
                .Value.GetProperty("startsAt")
                .GetString()!;
        }

        await using var after = Instance(SiteFailures());
        var (step, delivered) = await after.EvaluateAndDeliverAsync();

        Assert.True(delivered);
        Assert.Empty(step.Events);
        var kept = (await InAlertmanagerAsync("SiteFailureRate", Failing))!.Value;
        Assert.Equal(startsAt, kept.GetProperty("startsAt").GetString());
        await RepairAsync(Failing);
        await after.EvaluateAndDeliverAsync();
        await Poll.UntilAsync("the resolved email", async () => await EmailsAsync("RESOLVED", Failing) == 1);
        Assert.Equal(1, await EmailsAsync("FIRING", Failing));
    }

    [Fact]
    public async Task ASilence_StopsTheSitesEmail_WhileAnotherSiteIsStillMailed()
    {
        await using var monitor = Instance(SiteFailures(minJobs: 5));
        var silence = await monitor.Alertmanager.CreateSilenceAsync(
            new PostableSilence(
                [new SilenceMatcher("computingsite", Failing, IsRegex: false)],
                DateTime.UtcNow,
                DateTime.UtcNow.AddHours(1),
                "shifter",
                "Known: the site's storage is being replaced (test)"
            ),
            CancellationToken.None
        );

        await monitor.EvaluateAndDeliverAsync();

        await Poll.UntilAsync("the other site's email", async () => await EmailsAsync("FIRING", Small) == 1);
        var silenced = (await InAlertmanagerAsync("SiteFailureRate", Failing))!.Value.GetProperty("status");
        Assert.Equal("suppressed", silenced.GetProperty("state").GetString());
        Assert.Equal([silence], silenced.GetProperty("silencedBy").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(0, await EmailsAsync("FIRING", Failing));
    }

    [Fact]
    public async Task AQueueSetToBrokeroff_InhibitsItsSiteAlert()
    {
        await QueueAsync(_db, Failing, "brokeroff", "Draining for a downtime");
        var settings = SiteFailures(minJobs: 5);
        settings["Alerts:Rules:QueueNotOnline:Enabled"] = "true";
        await using var monitor = Instance(settings);

        await monitor.EvaluateAndDeliverAsync();

        await Poll.UntilAsync("the other site's email", async () => await EmailsAsync("FIRING", Small) == 1);
        var inhibited = (await InAlertmanagerAsync("SiteFailureRate", Failing))!.Value.GetProperty("status");
        Assert.Equal("suppressed", inhibited.GetProperty("state").GetString());
        Assert.NotEmpty(inhibited.GetProperty("inhibitedBy").EnumerateArray());
        Assert.NotNull(await InAlertmanagerAsync("QueueNotOnline", Failing));
        Assert.Equal(0, await EmailsAsync("FIRING", Failing));
        Assert.DoesNotContain(await servers.EmailsAsync(), m => m.Subject.Contains("QueueNotOnline"));
    }

    [Fact]
    public async Task PandaCutOff_FiresMonitorCannotReadPanda_KeepsTheOtherAlerts_AndResolvesWhenItReturns()
    {
        var reader = new NpgsqlConnectionStringBuilder(_db.ReaderConnectionString);
        await using var forwarder = new TcpForwarder(reader.Port);
        reader.Port = forwarder.Port;
        reader.Timeout = 3;
        var settings = SiteFailures();
        settings["Alerts:Rules:PandaUnreadable:Enabled"] = "true";
        settings["Alerts:Rules:PandaUnreadable:For"] = "0s";
        await using var monitor = Instance(settings, reader.ConnectionString);
        await monitor.EvaluateAndDeliverAsync();

        forwarder.Cut();
        var (cut, _) = await monitor.EvaluateAndDeliverAsync();

        var unreadable = Assert.Single(cut.Alerts, a => a.Rule == AlertEvaluator.PandaUnreadable);
        Assert.Equal((AlertState.Firing, "unreachable"), (unreadable.State, unreadable.Label("reason")));
        Assert.Equal(AlertState.Firing, Assert.Single(cut.Alerts, a => a.Rule == "SiteFailureRate").State);
        var (_, alerts) = await servers.AlertmanagerAlertsAsync();
        Assert.Contains(alerts, a => a.GetProperty("labels").GetProperty("alertname").GetString() == "PandaUnreadable");

        forwarder.Restore();
        var (back, _) = await monitor.EvaluateAndDeliverAsync();

        Assert.Equal(
            AlertState.Resolved,
            Assert.Single(back.Alerts, a => a.Rule == AlertEvaluator.PandaUnreadable).State
        );
        Assert.Equal(AlertState.Firing, Assert.Single(back.Alerts, a => a.Rule == "SiteFailureRate").State);
    }

    [Fact]
    public async Task BlindJobsCount_ButNoBlindOnlyValueReachesAlertmanagerMailOrChat()
    {
        await using var monitor = Instance(
            new()
            {
                ["Alerts:Rules:SiteFailureRate:Enabled"] = "true",
                ["Alerts:Rules:SiteFailureRate:For"] = "0s",
                ["Alerts:Rules:ErrorBurst:Enabled"] = "true",
                ["Alerts:Rules:ErrorBurst:For"] = "0s",
                ["Alerts:Rules:ErrorBurst:MinJobs"] = "1",
                ["Alerts:Rules:TaskInTrouble:Enabled"] = "true",
                ["Alerts:Rules:TaskInTrouble:MinJobs"] = "1",
                ["Alerts:Rules:TaskInTrouble:Severity"] = "page",
                ["Alerts:Rules:StalledJobs:Enabled"] = "true",
                ["Alerts:Rules:StalledJobs:For"] = "0s",
                ["Alerts:Rules:QueueNotStarting:Enabled"] = "true",
                ["Alerts:Rules:QueueNotStarting:For"] = "0s",
                ["Alerts:Rules:QueueNotOnline:Enabled"] = "true",
            }
        );

        var (step, delivered) = await monitor.EvaluateAndDeliverAsync();

        Assert.True(delivered);
        Assert.Contains(step.Alerts, a => a.Label("jeditaskid") == BlindTask.ToString());
        await Poll.UntilAsync("the failing site's email", async () => await EmailsAsync("FIRING", Failing) == 1);
        await Poll.UntilAsync(
            "the blind task's email",
            async () => (await servers.EmailsAsync()).Any(m => m.Source.Contains(BlindTask.ToString()))
        );
        await Poll.UntilAsync("a chat post", () => Task.FromResult(ChatPosts("FIRING", Failing) > 0));
        var (json, _) = await servers.AlertmanagerAlertsAsync();
        Assert.Contains(BlindTask.ToString(), json);
        Assert.DoesNotContain(BlindToken, json, StringComparison.OrdinalIgnoreCase);
        Assert.All(
            await servers.EmailsAsync(),
            m => Assert.DoesNotContain(BlindToken, m.Source, StringComparison.OrdinalIgnoreCase)
        );
        Assert.All(servers.ChatPosts, p => Assert.DoesNotContain(BlindToken, p, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AlertmanagerDown_IsRetriedWithBackoffAndCounted_AndGetsWhatFiresWhenItReturns()
    {
        var failures = 0L;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "darkside.monitor.alerts.delivery.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();
        var settings = SiteFailures();
        settings["Alerts:EvaluationSeconds"] = "3600";
        await using var monitor = Instance(settings);
        await servers.StopAlertmanagerAsync();
        try
        {
            await monitor.StartAsync();
            await Poll.UntilAsync(
                "a failed delivery recorded",
                async () => (await monitor.Store.ReadDeliveryAsync(CancellationToken.None)).Failures >= 2
            );
            var failing = await monitor.Store.ReadDeliveryAsync(CancellationToken.None);
            Assert.NotNull(failing.FailingSinceUtc);
            Assert.Contains("refused", failing.Error, StringComparison.OrdinalIgnoreCase);
            Assert.True(Interlocked.Read(ref failures) >= 2);
        }
        finally
        {
            await servers.StartAlertmanagerAsync();
        }

        // Only the retry delivers now: the next evaluation is an hour away.
        await Poll.UntilAsync(
            "the firing alert re-delivered",
            async () => await InAlertmanagerAsync("SiteFailureRate", Failing) is not null
        );
        await Poll.UntilAsync(
            "delivery status back to healthy",
            async () => (await monitor.Store.ReadDeliveryAsync(CancellationToken.None)).FailingSinceUtc is null
        );
        await Poll.UntilAsync("the firing email", async () => await EmailsAsync("FIRING", Failing) == 1);
    }

    [Fact]
    public async Task TwoReplicas_OneEvaluates_AndTheOtherTakesOverWithoutPagingAgain()
    {
        await using var first = Instance(SiteFailures());
        await using var second = Instance(SiteFailures());
        await first.StartAsync();
        await second.StartAsync();
        await Poll.UntilAsync("the firing email", async () => await EmailsAsync("FIRING", Failing) == 1);
        Assert.True(first.Leadership.IsLeader ^ second.Leadership.IsLeader);
        var (leader, other) = first.Leadership.IsLeader ? (first, second) : (second, first);

        await leader.StopAsync();
        var stopped = DateTime.UtcNow;

        await Poll.UntilAsync("the other replica leading", () => Task.FromResult(other.Leadership.IsLeader));
        await Poll.UntilAsync(
            "an evaluation by the new leader",
            async () => (await other.Store.ReadDeliveryAsync(CancellationToken.None)).EvaluatedAtUtc > stopped
        );
        await RepairAsync(Failing);
        await Poll.UntilAsync("the resolved email", async () => await EmailsAsync("RESOLVED", Failing) == 1);
        Assert.Equal(1, await EmailsAsync("FIRING", Failing));
        var history = await other.Store.ReadHistoryAsync(DateTime.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal(["resolved", "fired"], history.Select(e => e.Event));
    }
}
