using System.Net;
using System.Text.Json;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>A script in a loop gets 429 with Retry-After after Security:ExportsPerMinute exports; pages stay
/// open.</summary>
[Trait("Kind", "EndToEnd")]
public sealed class ExportRateLimitTests : IAsyncLifetime
{
    private ReferenceOnlyApp _reference = null!;

    private AppProcess App => _reference.App;

    public async Task InitializeAsync() =>
        _reference = await ReferenceOnlyApp.StartAsync(
            new Dictionary<string, string>
            {
                ["Rollups__Enabled"] = "false",
                ["Security__ExportsPerMinute"] = "3",
                ["DevelopmentViewer__Admin"] = "true",
            }
        );

    public async Task DisposeAsync() => await _reference.DisposeAsync();

    [Fact]
    public async Task TheFourthExportInAMinute_Gets429WithRetryAfter_WhilePagesStayOpen()
    {
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        string[] exports = ["/jobs?json&hours=1", "/jobs/csv?hours=1", "/tasks/?json"];
        foreach (var path in exports)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
        }

        var refused = await http.GetAsync("/jobs?json&hours=2");
        var page = await http.GetAsync("/jobs?hours=2");
        // The audit trail's export is an export like the others.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("/admin/audit/csv")).StatusCode);

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
        // Operators see the refusal and the exports served, by route, on the metrics scrape.
        var scrape = await http.GetStringAsync("/metrics");
        Assert.Matches("darkside_monitor_rate_limit_refusals_total(\\{[^}]*\\})? 2\\b", scrape);
        Assert.Matches("darkside_monitor_exports_total\\{[^}]*kind=\"/jobs/csv\"[^}]*\\} 1\\b", scrape);
    }
}
