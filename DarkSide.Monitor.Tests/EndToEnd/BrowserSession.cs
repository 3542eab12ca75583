using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>Debian's Chromium under Playwright; each page gets its own context, so cookies never leak between tests.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static async Task<BrowserSession> StartAsync()
    {
        SetDefaultExpectTimeout(20_000);
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync() };
        session.Browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DARKSIDE_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,

            // Without these, Chromium reaches for Google's services, which this network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        return session;
    }

    public async Task<IPage> OpenAsync(string baseUrl, string path, ColorScheme colorScheme = ColorScheme.Light)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl, ColorScheme = colorScheme });
        RecordConsoleErrors(page);
        await page.GotoAsync(path);
        return page;
    }

    // Blazor reports a broken circuit only in the browser's console; test.sh shows these lines when a test fails.
    public void RecordConsoleErrors(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Record($"{message.Type} {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error {page.Url}: {error}");
    }

    private void Record(string line)
    {
        lock (_consoleErrors)
        {
            _consoleErrors.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        var directory = Environment.GetEnvironmentVariable("DARKSIDE_TEST_LOGS");
        if (!string.IsNullOrEmpty(directory) && _consoleErrors.Count > 0)
        {
            Directory.CreateDirectory(directory);
            await File.AppendAllLinesAsync(Path.Combine(directory, "chromium-console.log"), _consoleErrors);
        }
    }
}
