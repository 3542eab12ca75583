using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The real DarkSide.Monitor executable on Kestrel over its own seeded database, and Debian's Chromium driven by
/// Playwright. The app's log is captured so tests can check what it writes.
/// </summary>
public sealed class MonitorServerFixture : IAsyncLifetime
{
    private AppProcess? _app;

    public PandaTestDatabase Database { get; private set; } = null!;

    public string BaseUrl => _app!.BaseUrl;

    public BrowserSession Browser { get; private set; } = null!;

    public string Log => _app!.Log;

    public async Task InitializeAsync()
    {
        Database = await PandaTestDatabase.CreateAsync(new DemoSettings(5, 2, 3000, DateTime.UtcNow.AddMinutes(-1)));
        _app = await AppProcess.StartAsync(
            "DarkSide.Monitor.dll",
            AppProcess.FreeLoopbackUrl(),
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Panda"] = Database.ReaderConnectionString,
                ["ConnectionStrings__Monitor"] = Database.AdminConnectionString,
                ["DevelopmentViewer__BlindAccess"] = "false",
                ["Logging__LogLevel__Default"] = "Information",
                ["JobList__RefreshSeconds"] = "1",
                ["Rollups__IntervalSeconds"] = "5",
                // The export tests fetch far more than a person would; the limit itself has its own test.
                ["Security__ExportsPerMinute"] = "100000",

                // These tests are about the pages, not sign-in: the no-login development viewer (Development only).
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Iam__Mode"] = "DevelopmentViewer",
            },
            "/healthz"
        );
        Browser = await BrowserSession.StartAsync();
    }

    public Task<IPage> OpenAsync(
        string path,
        ColorScheme colorScheme = ColorScheme.Light,
        ViewportSize? viewport = null
    ) => Browser.OpenAsync(BaseUrl, path, colorScheme, viewport);

    /// <summary>
    /// A page's path; "job", "task" and "site" stand for the page of a failed job, a task and a site of this
    /// database.
    /// </summary>
    public async Task<string> PagePathAsync(string view) =>
        view switch
        {
            "job" => "/job/"
                + await Database.ScalarAsync<long>(
                    "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' ORDER BY pandaid LIMIT 1"
                ),
            "task" => "/task/"
                + await Database.ScalarAsync<long>(
                    "SELECT jeditaskid FROM doma_panda.jedi_tasks ORDER BY jeditaskid LIMIT 1"
                ),
            "site" => "/site/"
                + await Database.ScalarAsync<string>(
                    "SELECT computingsite FROM doma_panda.jobsarchived4 WHERE computingsite IS NOT NULL LIMIT 1"
                ),
            _ => view,
        };

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}

/// <summary>One running app and browser for every end-to-end test class; their tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MonitorServerCollection : ICollectionFixture<MonitorServerFixture>
{
    public const string Name = "Monitor server";
}
