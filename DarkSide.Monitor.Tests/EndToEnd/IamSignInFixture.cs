using System.Net.Http.Json;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The development IAM and two monitors signed in through it by the real code flow: one registered with the WLCG
/// token profile, one with the IAM profile, as an IAM administrator could register the monitor either way.
/// </summary>
public sealed class IamSignInFixture : IAsyncLifetime
{
    private readonly Dictionary<string, AppProcess> _monitors = [];
    private AppProcess? _iam;
    private AppProcess? _otherIam;

    /// <summary>
    /// Clients a script would register to call the JSON API: per profile, and one with 1-second tokens.
    /// </summary>
    public static readonly (string Id, string Profile, int Seconds, string Audience)[] ApiClients =
    [
        ("api-wlcg", "Wlcg", 0, ""),
        ("api-iam", "Iam", 0, "monitor-iam"),
        ("api-short", "Wlcg", 1, ""),
        ("api-elsewhere", "Wlcg", 0, "https://other.example"),
    ];

    public string OtherIamUrl => _otherIam!.BaseUrl;

    public PandaTestDatabase Database { get; private set; } = null!;

    public BrowserSession Browser { get; private set; } = null!;

    public string IamUrl => _iam!.BaseUrl;

    public string MonitorUrl(string profile) => _monitors[profile].BaseUrl;

    public string MonitorLog(string profile) => _monitors[profile].Log;

    public async Task InitializeAsync()
    {
        Database = await PandaTestDatabase.CreateAsync(new DemoSettings(11, 2, 2000, DateTime.UtcNow.AddMinutes(-1)));
        var monitorUrls = new Dictionary<string, string>
        {
            ["Wlcg"] = AppProcess.FreeLoopbackUrl(),
            ["Iam"] = AppProcess.FreeLoopbackUrl(),
        };
        var iamUrl = AppProcess.FreeLoopbackUrl();
        var iamEnvironment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        var client = 0;
        foreach (var (profile, url) in monitorUrls)
        {
            iamEnvironment[$"DevIam__Clients__{client}__ClientId"] = "monitor-" + profile.ToLowerInvariant();
            iamEnvironment[$"DevIam__Clients__{client}__Profile"] = profile;
            iamEnvironment[$"DevIam__Clients__{client}__RedirectUris__0"] = url + "/signin-oidc";
            // Lets a test take the monitor client's own ID token (audience = its client id) without a browser.
            iamEnvironment[$"DevIam__Clients__{client}__RedirectUris__1"] = IamTokens.Callback;

            // The IAM-profile monitor's access tokens live 2 minutes, inside the cookie refresher's 5-minute margin:
            // every request of that monitor refreshes the session at IAM, so the refresher is exercised all the time.
            // Not the WLCG one, which most tests use: a refresh on every request (ten per page load) cost the
            // sign-in tests about a third of their time.
            iamEnvironment[$"DevIam__Clients__{client}__AccessTokenSeconds"] = profile == "Iam" ? "120" : "0";
            client++;
        }

        foreach (var (id, profile, seconds, audience) in ApiClients)
        {
            iamEnvironment[$"DevIam__Clients__{client}__Audience"] = audience;
            iamEnvironment[$"DevIam__Clients__{client}__ClientId"] = id;
            iamEnvironment[$"DevIam__Clients__{client}__Profile"] = profile;
            iamEnvironment[$"DevIam__Clients__{client}__AccessTokenSeconds"] = seconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
            iamEnvironment[$"DevIam__Clients__{client}__RedirectUris__0"] = IamTokens.Callback;
            client++;
        }

        _iam = await AppProcess.StartAsync(
            "DarkSide.DevIam.dll",
            iamUrl,
            iamEnvironment,
            "/.well-known/openid-configuration"
        );

        // Another IAM, with its own keys and issuer, for tokens the monitors must refuse.
        _otherIam = await AppProcess.StartAsync(
            "DarkSide.DevIam.dll",
            AppProcess.FreeLoopbackUrl(),
            iamEnvironment,
            "/.well-known/openid-configuration"
        );
        foreach (var (profile, url) in monitorUrls)
        {
            _monitors[profile] = await AppProcess.StartAsync(
                "DarkSide.Monitor.dll",
                url,
                new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["ConnectionStrings__Panda"] = Database.ReaderConnectionString,
                    ["ConnectionStrings__Monitor"] = Database.AdminConnectionString,
                    ["Iam__Authority"] = iamUrl + "/",
                    ["Iam__ClientId"] = "monitor-" + profile.ToLowerInvariant(),
                    ["Iam__ClientSecret"] = "dev-secret",
                    ["Iam__RequireHttpsMetadata"] = "false",
                    ["Logging__LogLevel__Default"] = "Information",
                    ["Iam__ClockSkewSeconds"] = "0",
                    // The WLCG monitor re-checks open pages with IAM every 5 s; the IAM-profile one so rarely that
                    // an open page that ends within a test was ended by the session watch.
                    ["Iam__RevalidationSeconds"] = profile == "Wlcg" ? "5" : "3600",
                    ["Rollups__IntervalSeconds"] = "5",
                    // Tests that wait for a job list's next refresh wait a second, not the default five.
                    ["JobList__RefreshSeconds"] = "1",
                    ["Security__ExportsPerMinute"] = "100000",
                },
                "/healthz"
            );
        }

        Browser = await BrowserSession.StartAsync();
    }

    /// <summary>
    /// Opens <paramref name="path"/> on the monitor, which sends the browser to IAM's form; signs in there.
    /// </summary>
    public async Task<IPage> SignInAsync(string profile, string user, string path)
    {
        var page = await Browser.OpenAsync(MonitorUrl(profile), path);
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(user);
        await page.Locator("#sign-in").ClickAsync();
        return page;
    }

    /// <summary>Changes a user's groups in the development IAM, as an IAM administrator would.</summary>
    public async Task SetGroupsAsync(string user, params string[] groups)
    {
        using var http = new HttpClient();
        var response = await http.PutAsJsonAsync($"{IamUrl}/dev/users/{user}/groups", groups);
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        foreach (var monitor in _monitors.Values)
        {
            await monitor.DisposeAsync();
        }

        foreach (var process in new[] { _iam, _otherIam })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IamSignInCollection : ICollectionFixture<IamSignInFixture>
{
    public const string Name = "IAM sign-in";
}
