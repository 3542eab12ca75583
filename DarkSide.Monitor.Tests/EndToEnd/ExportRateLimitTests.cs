using System.Net;
using System.Text.Json;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>A script in a loop gets 429 with Retry-After after Security:ExportsPerMinute exports; pages stay
/// open.</summary>
public sealed class ExportRateLimitTests : IAsyncLifetime
{
    private PandaTestDatabase _db = null!;
    private AppProcess _app = null!;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(settings: null, nowUtc: DateTime.UtcNow.AddMinutes(-1));
        _app = await AppProcess.StartAsync(
            "DarkSide.Monitor.dll",
            AppProcess.FreeLoopbackUrl(),
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Panda"] = _db.ReaderConnectionString,
                ["ConnectionStrings__Monitor"] = _db.AdminConnectionString,
                ["Rollups__Enabled"] = "false",
                ["Security__ExportsPerMinute"] = "3",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Iam__Mode"] = "DevelopmentViewer",
            },
            "/healthz"
        );
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task TheFourthExportInAMinute_Gets429WithRetryAfter_WhilePagesStayOpen()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        string[] exports = ["/jobs?json&hours=1", "/jobs/csv?hours=1", "/tasks/?json"];
        foreach (var path in exports)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
        }

        var refused = await http.GetAsync("/jobs?json&hours=2");
        var page = await http.GetAsync("/jobs?hours=2");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(
            int.Parse(
                refused.Headers.GetValues("Retry-After").Single(),
                System.Globalization.CultureInfo.InvariantCulture
            ),
            1,
            60
        );
        using var json = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains(
            "Security:ExportsPerMinute",
            json.RootElement.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
