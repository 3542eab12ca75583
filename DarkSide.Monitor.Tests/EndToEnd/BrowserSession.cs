using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Debian's Chromium under Playwright; each page gets its own context, so cookies never leak between tests.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];
    private readonly List<IPage> _openPages = [];
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static async Task<BrowserSession> StartAsync()
    {
        SetDefaultExpectTimeout(20_000);
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync() };
        session.Browser = await session._playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("DARKSIDE_TEST_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,

                // Without these, Chromium reaches for Google's services, which this network refuses.
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            }
        );
        return session;
    }

    public async Task<IPage> OpenAsync(
        string baseUrl,
        string path,
        ColorScheme colorScheme = ColorScheme.Light,
        ViewportSize? viewport = null
    )
    {
        var page = await NewPageAsync(baseUrl, colorScheme, viewport);
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>A blank page in its own context, closed by <see cref="ClosePagesAsync"/>.</summary>
    /// <param name="viewport">The window's size; Playwright's 1280×720 if null.</param>
    public async Task<IPage> NewPageAsync(
        string baseUrl,
        ColorScheme colorScheme = ColorScheme.Light,
        ViewportSize? viewport = null
    )
    {
        var page = await Browser.NewPageAsync(
            new BrowserNewPageOptions
            {
                BaseURL = baseUrl,
                ColorScheme = colorScheme,
                ViewportSize = viewport,
            }
        );
        RecordConsoleErrors(page);
        lock (_openPages)
        {
            _openPages.Add(page);
        }

        return page;
    }

    // Every open page keeps a live circuit that refreshes its view: left open, a test class's pages add up to a
    // load that slows every later test on a 2-core machine.
    public async Task ClosePagesAsync()
    {
        IPage[] pages;
        lock (_openPages)
        {
            pages = [.. _openPages];
            _openPages.Clear();
        }

        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    // Blazor reports a broken circuit only in the browser's console; test.sh shows these lines when a test fails.
    private void RecordConsoleErrors(IPage page)
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
