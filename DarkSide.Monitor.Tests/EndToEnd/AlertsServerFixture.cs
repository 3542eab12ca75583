using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The dashboard as a shifter uses it at night: the app evaluating its rules every second over a night's incidents
/// (PanDA-shaped rows), posting to the real Alertmanager of deploy/alertmanager; the development viewer is a shifter.
/// That others may look but not silence, SilenceFormTests and SilenceAccessTests show.
/// </summary>
public sealed class AlertsServerFixture : IAsyncLifetime
{
    public const string ShifterName = "sam.shifter";

    /// <summary>No mail server: these tests read Alertmanager and pages; AlertDeliveryTests read the mail.</summary>
    public AlertingServers Servers { get; } = new() { WithMail = false };

    public PandaTestDatabase Database { get; private set; } = null!;

    public AppProcess App { get; private set; } = null!;

    public BrowserSession Browser { get; private set; } = null!;

    public string Tag { get; } = "-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public string FailingSite => AlertIncidentRows.FailingSite + Tag;

    public async Task InitializeAsync()
    {
        var servers = Servers.InitializeAsync();
        var now = DateTime.UtcNow;
        Database = await PandaTestDatabase.CreateAsync(null, nowUtc: now);
        await AlertIncidentRows.AddAsync(Database, now, Tag);
        await servers;
        var url = AppProcess.FreeLoopbackUrl();
        App = await AppProcess.StartAsync("DarkSide.Monitor.dll", url, Environment(url), "/healthz");
        Browser = await BrowserSession.StartAsync();
    }

    private Dictionary<string, string> Environment(string url) =>
        new()
        {
            ["ConnectionStrings__Panda"] = Database.ReaderConnectionString,
            ["ConnectionStrings__Monitor"] = Database.AdminConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Iam__Mode"] = "DevelopmentViewer",
            ["DevelopmentViewer__Name"] = ShifterName,
            ["DevelopmentViewer__Shifter"] = "true",
            ["Rollups__StaleAfterMinutes"] = "0",
            ["Alerts__AlertmanagerUrl"] = Servers.AlertmanagerUrl,
            ["Alerts__MonitorUrl"] = url + "/",
            ["Alerts__EvaluationSeconds"] = "1",
            ["Alerts__Rules__SiteFailureRate__For"] = "0s",
            ["Alerts__Rules__ErrorBurst__For"] = "0s",
            ["Alerts__Rules__StalledJobs__For"] = "0s",
            ["Alerts__Rules__QueueNotStarting__For"] = "0s",
        };

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AlertsServerCollection : ICollectionFixture<AlertsServerFixture>
{
    public const string Name = "Alerts server";
}
