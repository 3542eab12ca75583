using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The monitor (no-login development viewer) on a database holding PanDA's tables and only the reference rows,
/// written around the real "now", and what <c>seed</c> adds before the app starts; <c>settings</c> adds or overrides
/// the app's configuration.
/// </summary>
public sealed class ReferenceOnlyApp : IAsyncDisposable
{
    private ReferenceOnlyApp(PandaTestDatabase database, AppProcess app) => (Database, App) = (database, app);

    public PandaTestDatabase Database { get; }

    public AppProcess App { get; }

    public static async Task<ReferenceOnlyApp> StartAsync(
        IReadOnlyDictionary<string, string> settings,
        Func<PandaTestDatabase, Task>? seed = null
    )
    {
        var database = await PandaTestDatabase.CreateAsync(settings: null, nowUtc: DateTime.UtcNow.AddMinutes(-1));
        if (seed is not null)
        {
            await seed(database);
        }

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Panda"] = database.ReaderConnectionString,
            ["ConnectionStrings__Monitor"] = database.AdminConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Iam__Mode"] = "DevelopmentViewer",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var app = await AppProcess.StartAsync(
            "DarkSide.Monitor.dll",
            AppProcess.FreeLoopbackUrl(),
            environment,
            "/healthz"
        );
        return new ReferenceOnlyApp(database, app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// One <see cref="ReferenceOnlyApp"/> and one browser for all tests of a class: a database, an app process and a
/// Chromium cost seconds each on 2 cores, and these classes' tests only read.
/// </summary>
public abstract class ReferenceOnlyBrowserFixture : IAsyncLifetime
{
    public ReferenceOnlyApp Reference { get; private set; } = null!;

    public BrowserSession Browser { get; private set; } = null!;

    public string BaseUrl => Reference.App.BaseUrl;

    /// <summary>What the app's configuration adds or overrides.</summary>
    protected abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Rows written before the app starts, beside the reference rows.</summary>
    protected virtual Task SeedAsync(PandaTestDatabase database) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Reference = await ReferenceOnlyApp.StartAsync(Settings, SeedAsync);
        Browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Reference.DisposeAsync();
    }
}
