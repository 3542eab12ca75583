using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
    private readonly StringBuilder _log = new();
    private Process? _app;
    private IPlaywright? _playwright;

    public PandaTestDatabase Database { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Database = await PandaTestDatabase.CreateAsync(new DemoSettings(5, 2, 3000, DateTime.UtcNow.AddMinutes(-1)));
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        _app = StartApp();
        await WaitUntilHealthyAsync();

        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DARKSIDE_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // Without these, Chromium reaches for Google's services, which this network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    private Process StartApp()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DarkSide.Monitor.dll"), "--urls", BaseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Panda"] = Database.ReaderConnectionString;
        start.Environment["ConnectionStrings__Monitor"] = Database.AdminConnectionString;
        start.Environment["DevelopmentViewer__BlindAccess"] = "false";

        // These tests are about the pages, not sign-in: the no-login development viewer (Development only).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Iam__Mode"] = "DevelopmentViewer";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["JobList__RefreshSeconds"] = "1";
        var app = Process.Start(start) ?? throw new InvalidOperationException("Could not start DarkSide.Monitor.");
        app.OutputDataReceived += (_, e) => Append(e.Data);
        app.ErrorDataReceived += (_, e) => Append(e.Data);
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (_app!.HasExited)
            {
                throw new InvalidOperationException($"DarkSide.Monitor exited with {_app.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"DarkSide.Monitor did not answer /healthz in 30 s:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = BaseUrl });
        await page.GotoAsync(path);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }

        _app?.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>One running app and browser for every end-to-end test class; their tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MonitorServerCollection : ICollectionFixture<MonitorServerFixture>
{
    public const string Name = "Monitor server";
}
