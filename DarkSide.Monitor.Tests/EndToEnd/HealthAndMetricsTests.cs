using System.Net;
using System.Text.Json;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Tests.Infrastructure;
using Npgsql;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// What a Kubernetes probe and a Prometheus scrape see: readiness follows the databases (the PanDA one reached
/// through a port this test can cut), liveness only the process; /metrics has the platform's and the monitor's own.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed class HealthAndMetricsTests : IAsyncLifetime
{
    private PandaTestDatabase _db = null!;
    private TcpForwarder _panda = null!;
    private AppProcess _app = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(17, 1, 800, DateTime.UtcNow.AddMinutes(-1)));
        var reader = new NpgsqlConnectionStringBuilder(_db.ReaderConnectionString);
        _panda = new TcpForwarder(reader.Port);
        reader.Port = _panda.Port;
        _app = await AppProcess.StartAsync(
            "DarkSide.Monitor.dll",
            AppProcess.FreeLoopbackUrl(),
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Panda"] = reader.ConnectionString,
                ["ConnectionStrings__Monitor"] = _db.AdminConnectionString,
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Iam__Mode"] = "DevelopmentViewer",
                ["Rollups__IntervalSeconds"] = "5",
            },
            "/healthz/live"
        );
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _panda.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var response = await _http.GetAsync(_app.BaseUrl + path);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static string Check(JsonElement body, string name) =>
        body.GetProperty("checks")
            .EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name)
            .GetProperty("status")
            .GetString()!;

    /// <summary>Asks until <paramref name="status"/> answers, as a probe does every few seconds.</summary>
    private async Task<JsonElement> ReadyUntilAsync(HttpStatusCode status)
    {
        var (last, body) = await GetAsync("/healthz/ready");
        for (var attempt = 0; last != status && attempt < 60; attempt++)
        {
            await Task.Delay(500);
            (last, body) = await GetAsync("/healthz/ready");
        }

        Assert.Equal(status, last);
        return body;
    }

    [Fact]
    public async Task Ready_FailsWhilePandaIsUnreachable_AndRecovers_WhileLiveStaysUp()
    {
        var before = await ReadyUntilAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", Check(before, "panda-database"));
        Assert.Equal("Healthy", Check(before, "monitor-database"));

        _panda.Cut();
        var cut = await ReadyUntilAsync(HttpStatusCode.ServiceUnavailable);
        var (liveStatus, live) = await GetAsync("/healthz/live");

        Assert.Equal("Unhealthy", cut.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Check(cut, "panda-database"));
        Assert.Equal("Healthy", Check(cut, "monitor-database"));
        // Anonymous: the failure says what failed, not the host, port or user of the connection.
        Assert.DoesNotContain(_panda.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.ToString());
        Assert.DoesNotContain("panda_reader", cut.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());

        _panda.Restore();
        var after = await ReadyUntilAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", Check(after, "panda-database"));
    }

    [Fact]
    public async Task Ready_ReportsTheRollups_AndDegradesWhenTheyFallBehind()
    {
        var fresh = await ReadyUntilAsync(HttpStatusCode.OK);
        for (var attempt = 0; Check(fresh, "usage-rollups") != "Healthy" && attempt < 60; attempt++)
        {
            await Task.Delay(500);
            fresh = (await GetAsync("/healthz/ready")).Body;
        }

        Assert.Equal("Healthy", Check(fresh, "usage-rollups"));

        // As if no instance had aggregated for two hours.
        await _db.ExecuteAsync(
            "UPDATE darkside_monitor.rollup_state SET watermark = now() AT TIME ZONE 'UTC' - interval '2 hours'"
        );
        var (status, stale) = await GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", Check(stale, "usage-rollups"));
        Assert.Contains("Rollups:StaleAfterMinutes", stale.GetProperty("checks").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AreScraped_WithThePlatformsAndTheMonitorsOwn()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(_app.BaseUrl + "/jobs/csv?hours=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(_app.BaseUrl + "/jobs?hours=1")).StatusCode);
        var scrape = await _http.GetStringAsync(_app.BaseUrl + "/metrics");
        for (
            var attempt = 0;
            !scrape.Contains("darkside_monitor_rollups_run_duration", StringComparison.Ordinal) && attempt < 40;
            attempt++
        )
        {
            await Task.Delay(500);
            scrape = await _http.GetStringAsync(_app.BaseUrl + "/metrics");
        }

        // ASP.NET Core, Npgsql, the runtime.
        Assert.Contains("http_server_request_duration_seconds_count{", scrape, StringComparison.Ordinal);
        Assert.Contains("db_client_operation_duration_seconds_count{", scrape, StringComparison.Ordinal);
        // Pools are named, not labelled with their connection strings (hosts, databases, users).
        Assert.Contains("db_client_connection_pool_name=\"panda\"", scrape, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_pool_name=\"monitor\"", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("Username=", scrape, StringComparison.Ordinal);
        // Nor with the database's address; and no histogram per Blazor component type (most of the scrape's size).
        Assert.DoesNotMatch("db_client[^\n]*server_(address|port)=", scrape);
        Assert.DoesNotContain("aspnetcore_components_update_parameters", scrape, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", scrape, StringComparison.Ordinal);
        // The monitor's own: exports by route, the aggregator's runs and lag.
        Assert.Matches("darkside_monitor_exports_total\\{[^}]*kind=\"/jobs/csv\"[^}]*\\} 1", scrape);
        Assert.Contains("darkside_monitor_rollups_run_duration_seconds_count", scrape, StringComparison.Ordinal);
        Assert.Matches("darkside_monitor_rollups_lag_seconds(\\{[^}]*\\})? \\d", scrape);
    }
}
