using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Features.Alerts.Rules;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Tests.Infrastructure;
using static DarkSide.Monitor.Tests.Infrastructure.AlertIncidentRows;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Db.Alerts;

/// <summary>
/// Each built-in rule over PanDA's rows (the reference rows with their NULLs and placeholders, and the incident rows):
/// it finds what a shifter must be told, nothing else, and never a blind-only value.
/// </summary>
[Trait("Kind", "Db")]
public sealed class AlertRulesOverPandaTests(AlertIncidentDatabase incident) : IClassFixture<AlertIncidentDatabase>
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private PandaTestDatabase _db = incident.Database;

    private static AlertContext Context => new(Now, "https://monitor.example/");

    private AlertSql Sql(PandaSchema? schema = null)
    {
        schema ??= PandaTestDatabase.Unchecked(_db);
        var blind = new BlindDataPolicy(MsOptions.Create(new BlindingOptions()), MsOptions.Create(_db.Options), schema);
        return new AlertSql(new JobSqlBuilder(MsOptions.Create(_db.Options), blind, schema));
    }

    private PandaDatabase Panda => new(_db.Reader);

    private async Task<IReadOnlyList<AlertSample>> FindAsync(IAlertRule rule) =>
        await rule.EvaluateAsync(Context, CancellationToken.None);

    [Fact]
    public async Task SiteFailureRate_FiresForTheFailingSiteAlone_WithItsCountsTopErrorsAndExactJobsLink()
    {
        var found = await FindAsync(new SiteFailureRateRule(new AlertOptions(), Panda, Sql()));

        var alert = Assert.Single(found);
        Assert.Equal(FailingSite, alert.Labels["computingsite"]);
        Assert.Equal("SiteFailureRate", alert.Labels["alertname"]);
        Assert.Equal("page", alert.Labels["severity"]);
        Assert.Equal(75.0, alert.Value);
        Assert.Contains("75 % of 40 jobs", alert.Annotations["summary"]);
        Assert.Contains($"Top errors: pilot:{DominantCode} (26), exe:65 (4).", alert.Annotations["description"]);
        Assert.Equal(
            "https://monitor.example/jobs?date_from=2026-06-15T11:30&date_to=2026-06-15T12:00"
                + $"&computingsite={FailingSite}&jobstatus=failed",
            alert.Annotations["jobs"]
        );
    }

    [Fact]
    public async Task SiteFailureRate_CountsWhatTheLinkedJobListCounts()
    {
        var alert = Assert.Single(await FindAsync(new SiteFailureRateRule(new AlertOptions(), Panda, Sql())));
        var from = Now.AddMinutes(-30);

        // Independent SQL over every job table, as the job list's window reads them.
        var failed = await _db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE computingsite = @site AND jobstatus = 'failed' "
                + "AND modificationtime >= @from AND modificationtime < @to",
            ("site", FailingSite),
            ("from", Oracle.Timestamp(from)),
            ("to", Oracle.Timestamp(Now))
        );

        Assert.Equal(FailingSiteFailed, failed);
        Assert.Contains($"{failed} failed and {FailingSiteFinished} finished", alert.Annotations["description"]);
    }

    [Fact]
    public async Task ErrorBurst_NamesTheSiteAndCode_AndLinksToThoseJobs()
    {
        var found = await FindAsync(new ErrorBurstRule(new AlertOptions(), Panda, Sql()));

        var alert = Assert.Single(found);
        Assert.Equal(FailingSite, alert.Labels["computingsite"]);
        Assert.Equal($"pilot:{DominantCode}", alert.Labels["error"]);
        Assert.Equal(DominantErrorJobs, alert.Value);
        Assert.Contains($"&piloterrorcode={DominantCode}&jobstatus=failed", alert.Annotations["jobs"]);
    }

    [Fact]
    public async Task StalledJobs_CountsWorkingJobsWithoutAStateChange_PerSite()
    {
        var options = new AlertOptions();
        var found = await FindAsync(new StalledJobsRule(options, new JobListOptions(), Panda, Sql()));

        var alert = Assert.Single(found, a => a.Labels["computingsite"] == StalledSite);
        Assert.Equal(12, alert.Value);
        Assert.DoesNotContain(found, a => a.Labels["computingsite"] is FailingSite or IdleQueue);
    }

    [Fact]
    public async Task QueueNotStarting_FiresForTheOnlineQueue_NotForTheBrokeroffOne()
    {
        var found = await FindAsync(new QueueNotStartingRule(new AlertOptions(), Panda, Sql()));

        var alert = Assert.Single(found);
        Assert.Equal(IdleQueue, alert.Labels["computingsite"]);
        Assert.Equal(60, alert.Value);
    }

    [Fact]
    public async Task QueueNotStarting_QueueWhoseJobsJustArrived_IsNotFlagged()
    {
        var options = new AlertOptions();
        options.Rules.QueueNotStarting.Window = "3h";

        Assert.Empty(await FindAsync(new QueueNotStartingRule(options, Panda, Sql())));
    }

    [Fact]
    public async Task QueueNotOnline_GivesEachQueueThatIsNotOnline_WithItsComment()
    {
        var found = await FindAsync(new QueueNotOnlineRule(new AlertOptions(), Panda, Sql()));

        var alert = Assert.Single(found, a => a.Labels["computingsite"] == BrokeroffQueue);
        Assert.Equal("brokeroff", alert.Labels["reason"]);
        Assert.Equal("info", alert.Labels["severity"]);
        Assert.Contains("Storage down (GGUS 12345)", alert.Annotations["description"]);
        Assert.DoesNotContain(found, a => a.Labels["computingsite"] == IdleQueue);
    }

    [Fact]
    public async Task TaskInTrouble_ByStatusAndByFailures_LabelsTaskIdAndOwner_NeverTheBlindTasksName()
    {
        var options = new AlertOptions();
        options.Rules.TaskInTrouble.MinJobs = 10;

        var found = await FindAsync(new TaskInTroubleRule(options, Panda, Sql()));

        var exhausted = Assert.Single(found, a => a.Labels["reason"] == "exhausted");
        Assert.Equal(ExhaustedTask.ToString(), exhausted.Labels["jeditaskid"]);
        Assert.Equal("alice", exhausted.Labels["owner"]);
        var failing = Assert.Single(found, a => a.Labels["jeditaskid"] == BlindTask.ToString());
        Assert.Equal("failures", failing.Labels["reason"]);
        Assert.Equal("bob", failing.Labels["owner"]);
        Assert.Equal(100.0, failing.Value);
        Assert.Equal($"https://monitor.example/task/{BlindTask}", failing.Annotations["jobs"]);
    }

    [Fact]
    public async Task NoRule_CarriesABlindOnlyValue()
    {
        var options = new AlertOptions();
        options.Rules.TaskInTrouble.MinJobs = 1;
        options.Rules.ErrorBurst.MinJobs = 1;
        options.Rules.StalledJobs.MinJobs = 1;
        IAlertRule[] rules =
        [
            new SiteFailureRateRule(options, Panda, Sql()),
            new ErrorBurstRule(options, Panda, Sql()),
            new StalledJobsRule(options, new JobListOptions(), Panda, Sql()),
            new QueueNotStartingRule(options, Panda, Sql()),
            new TaskInTroubleRule(options, Panda, Sql()),
            new QueueNotOnlineRule(options, Panda, Sql()),
        ];

        var texts = new List<string>();
        foreach (var rule in rules)
        {
            foreach (var alert in await FindAsync(rule))
            {
                texts.AddRange(alert.Labels.Keys.Concat(alert.Labels.Values));
                texts.AddRange(alert.Annotations.Keys.Concat(alert.Annotations.Values));
            }
        }

        Assert.Contains(texts, t => t.Contains(BlindTask.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(BlindToken, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WithoutSchedconfig_QueueRulesDoWithoutIt()
    {
        // A database of its own: the others read the table this one drops.
        await using var own = await AlertIncidentDatabase.CreateAsync();
        _db = own;
        await _db.ExecuteAsync("DROP TABLE doma_panda.schedconfig_json");
        var schema = new PandaSchema(MsOptions.Create(_db.Options));
        await schema.CheckAsync(_db.Reader, CancellationToken.None);

        Assert.Empty(await FindAsync(new QueueNotOnlineRule(new AlertOptions(), Panda, Sql(schema))));
        var starting = await FindAsync(new QueueNotStartingRule(new AlertOptions(), Panda, Sql(schema)));
        Assert.Equal([BrokeroffQueue, IdleQueue], starting.Select(a => a.Labels["computingsite"]).Order());
    }
}

/// <summary>The reference rows and a night's incidents at the seeded "now", for tests that only read them.</summary>
public sealed class AlertIncidentDatabase : IAsyncLifetime
{
    public PandaTestDatabase Database { get; private set; } = null!;

    public static async Task<PandaTestDatabase> CreateAsync()
    {
        var database = await PandaTestDatabase.CreateAsync(null, nowUtc: PandaTestDatabase.SeededAtUtc);
        await AddAsync(database, PandaTestDatabase.SeededAtUtc);
        return database;
    }

    public async Task InitializeAsync() => Database = await CreateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
