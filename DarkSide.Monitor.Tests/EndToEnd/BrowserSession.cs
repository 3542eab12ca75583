using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>Debian's Chromium under Playwright; each page gets its own context, so cookies never leak between tests.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
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

    public async Task<IPage> OpenAsync(string baseUrl, string path)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl });
        await page.GotoAsync(path);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
