using System.Globalization;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Two monitor instances behind a TLS-terminating nginx with cookie affinity, as on CNAF Cloud with two replicas:
/// signed in through one, a shifter keeps working when that one stops (the proxy moves them to the other, the page
/// reconnects there, the session holds), the redirect URI IAM sees is https, and one instance aggregates.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed class ReplicasBehindProxyTests : IAsyncLifetime
{
    private const string ClientId = "monitor-replicas";
    private readonly List<AppProcess> _monitors = [];
    private PandaTestDatabase _db = null!;
    private AppProcess _iam = null!;
    private ReverseProxy _proxy = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(23, 1, 1200, DateTime.UtcNow.AddMinutes(-1)));
        var urls = new[] { AppProcess.FreeLoopbackUrl(), AppProcess.FreeLoopbackUrl() };
        _proxy = await ReverseProxy.StartAsync(urls);
        _iam = await AppProcess.StartAsync(
            "DarkSide.DevIam.dll",
            AppProcess.FreeLoopbackUrl(),
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DevIam__Clients__0__ClientId"] = ClientId,
                ["DevIam__Clients__0__Profile"] = "Wlcg",
                // Only the public https address is registered, as IAM would have it for the real host name.
                ["DevIam__Clients__0__RedirectUris__0"] = _proxy.BaseUrl + "/signin-oidc",
            },
            "/.well-known/openid-configuration"
        );
        foreach (var url in urls)
        {
            _monitors.Add(
                await AppProcess.StartAsync(
                    "DarkSide.Monitor.dll",
                    url,
                    new Dictionary<string, string>
                    {
                        ["ASPNETCORE_ENVIRONMENT"] = "Development",
                        ["ConnectionStrings__Panda"] = _db.ReaderConnectionString,
                        ["ConnectionStrings__Monitor"] = _db.AdminConnectionString,
                        ["Iam__Authority"] = _iam.BaseUrl + "/",
                        ["Iam__ClientId"] = ClientId,
                        ["Iam__ClientSecret"] = "dev-secret",
                        ["Iam__RequireHttpsMetadata"] = "false",
                        ["ReverseProxy__KnownProxies__0"] = "127.0.0.1",
                        ["Rollups__IntervalSeconds"] = "5",
                        ["Logging__LogLevel__Default"] = "Information",
                    },
                    "/healthz/live"
                )
            );
        }

        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        foreach (var monitor in _monitors)
        {
            await monitor.DisposeAsync();
        }

        await _proxy.DisposeAsync();
        await _iam.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>A gauge's value on one instance, read from its own /metrics (not through the proxy).</summary>
    private static async Task<double> GaugeAsync(AppProcess monitor, string name)
    {
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync(monitor.BaseUrl + "/metrics");
        var match = Regex.Match(scrape, "^" + name + "(\\{[^}]*\\})? ([0-9.e+-]+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
    }

    private async Task<AppProcess> EventuallyAsync(Func<AppProcess, Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 80; attempt++)
        {
            foreach (var monitor in _monitors)
            {
                if (await condition(monitor))
                {
                    return monitor;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("No instance " + what);
    }

    [Fact]
    public async Task SignedInThroughOne_KeepsWorkingWhenItStops_OnTheOther()
    {
        var context = await _browser.Browser.NewContextAsync(
            new BrowserNewContextOptions { IgnoreHTTPSErrors = true, BaseURL = _proxy.BaseUrl }
        );
        var page = await context.NewPageAsync();
        var authorize = page.WaitForRequestAsync(new Regex("/authorize\\?"));
        await page.GotoAsync("/jobs?hours=6");
        var redirectUri = new Uri((await authorize).Url).Query;
        await page.Locator("#username").FillAsync("shifter");
        await page.Locator("#password").FillAsync("shifter");
        await page.Locator("#sign-in").ClickAsync();
        try
        {
            await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(_proxy.BaseUrl + "/jobs?hours=6") + "$"));
        }
        catch (PlaywrightException)
        {
            // A proxy refusal (a header too large, an upstream down) shows only in nginx's log.
            throw new InvalidOperationException($"Stuck at {page.Url}; nginx said:\n{_proxy.ErrorLog}");
        }

        await Expect(page.GetByTestId("job-table")).ToBeVisibleAsync();

        // Behind the proxy, the monitor builds its addresses from X-Forwarded-*: https, the public host.
        Assert.Contains(
            "redirect_uri=" + Uri.EscapeDataString(_proxy.BaseUrl + "/signin-oidc"),
            redirectUri,
            StringComparison.Ordinal
        );
        // Secure although the instance itself serves plain HTTP: it knows the browser's request was https.
        var cookies = await context.CookiesAsync();
        var signIn = cookies.Where(c => c.Name.StartsWith("darkside.monitor", StringComparison.Ordinal)).ToList();
        Assert.True(Assert.Single(signIn).Secure);
        // The ticket (claims, IAM's tokens) stays on the server: the cookie is its protected key, not kilobytes.
        Assert.InRange(signIn[0].Value.Length, 1, 1024);

        // The page's live circuit is on one instance; exactly one instance aggregates the rollups.
        var serving = await EventuallyAsync(
            async m => await GaugeAsync(m, "darkside_monitor_circuits_open") >= 1,
            "holds the page's circuit"
        );
        var other = _monitors.Single(m => m != serving);
        await EventuallyAsync(async m => await GaugeAsync(m, "darkside_monitor_rollups_leader") == 1, "leads");
        Assert.Equal(
            1,
            await GaugeAsync(_monitors[0], "darkside_monitor_rollups_leader")
                + await GaugeAsync(_monitors[1], "darkside_monitor_rollups_leader")
        );

        await page.EvaluateAsync("() => window.beforeTheStop = true");
        await serving.DisposeAsync();
        _monitors.Remove(serving);

        // The circuit's server is gone: the page reconnects through the proxy to the other instance, which does not
        // know the circuit, so the page reloads there, still signed in (shared key ring, session in the database).
        await page.WaitForFunctionAsync("() => window.beforeTheStop === undefined", null, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("job-table")).ToBeVisibleAsync();
        await EventuallyAsync(
            async m => await GaugeAsync(m, "darkside_monitor_circuits_open") >= 1,
            "took the page over"
        );
        Assert.StartsWith(_proxy.BaseUrl + "/jobs?hours=6", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/account");
        await Expect(page.GetByTestId("account-profile")).ToHaveTextAsync("Wlcg");
        Assert.DoesNotContain("/authorize", page.Url, StringComparison.Ordinal);

        // The remaining instance leads the aggregator now.
        await EventuallyAsync(async m => await GaugeAsync(m, "darkside_monitor_rollups_leader") == 1, "took the lead");
        Assert.Same(other, _monitors.Single());
        await context.CloseAsync();
    }
}
