using System.Net;
using System.Text;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Traces and metrics sent to an OpenTelemetry collector (here a loopback listener taking OTLP over HTTP): requests
/// and SQL statements arrive as spans, the monitor's own metrics arrive, and a filter value from the URL arrives
/// nowhere (a blind-only filter's value must not leave for a tracing backend). Logs are JSON lines.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed class OtlpExportTests : IAsyncLifetime
{
    private const string Secret = "secret-user-4242";
    private readonly HttpListener _collector = new();
    private readonly List<(string Path, byte[] Body)> _received = [];
    private PandaTestDatabase _db = null!;
    private AppProcess _app = null!;
    private Task _listening = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(41, 1, 300, DateTime.UtcNow.AddMinutes(-1)));
        var collector = AppProcess.FreeLoopbackUrl();
        _collector.Prefixes.Add(collector + "/");
        _collector.Start();
        _listening = ListenAsync();
        _app = await AppProcess.StartAsync(
            "DarkSide.Monitor.dll",
            AppProcess.FreeLoopbackUrl(),
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Panda"] = _db.ReaderConnectionString,
                ["ConnectionStrings__Monitor"] = _db.AdminConnectionString,
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Iam__Mode"] = "DevelopmentViewer",
                ["Rollups__Enabled"] = "false",
                ["Telemetry__OtlpEndpoint"] = collector,
                ["Telemetry__OtlpProtocol"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
                ["Telemetry__JsonConsoleLogs"] = "true",
            },
            "/healthz/live"
        );
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _collector.Stop();
        await _listening.ContinueWith(_ => { }, TaskScheduler.Default);
        _collector.Close();
        await _db.DisposeAsync();
    }

    private async Task ListenAsync()
    {
        while (_collector.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _collector.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    /// <summary>What arrived on one signal's path, as text (protobuf keeps strings as UTF-8).</summary>
    private string Arrived(string path)
    {
        lock (_received)
        {
            return string.Concat(_received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));
        }
    }

    [Fact]
    public async Task RequestsAndStatements_ArriveAsSpans_OwnMetricsArrive_AndNoFilterValueLeaves()
    {
        using var http = new HttpClient();
        var answer = await http.GetAsync($"{_app.BaseUrl}/jobs?json&hours=2&produsername={Secret}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(_app.BaseUrl + "/jobs/csv?hours=1")).StatusCode);

        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (
                Arrived("/v1/traces").Contains("postgresql", StringComparison.Ordinal)
                // The request's span ends after its statements' and may come in a later batch.
                && Arrived("/v1/traces").Contains("/jobs/json", StringComparison.Ordinal)
                && Arrived("/v1/metrics").Contains("darkside.monitor.exports", StringComparison.Ordinal)
            )
            {
                break;
            }

            await Task.Delay(250);
        }

        var traces = Arrived("/v1/traces");
        Assert.Contains("darkside-monitor", traces, StringComparison.Ordinal);
        Assert.Contains("/jobs/json", traces, StringComparison.Ordinal);
        Assert.Contains("postgresql", traces, StringComparison.Ordinal);
        Assert.Contains("SELECT", traces, StringComparison.Ordinal);
        Assert.Contains("darkside.monitor.exports", Arrived("/v1/metrics"), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, traces, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Arrived("/v1/metrics"), StringComparison.Ordinal);

        // Logs for a collector: one JSON object per line, each with its level and category.
        var lines = _app.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = System.Text.Json.JsonDocument.Parse(line);
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("LogLevel").GetString()), line);
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("Category").GetString()), line);
        }

        Assert.Contains(lines, l => l.Contains("Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
    }
}
