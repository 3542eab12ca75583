using System.Net;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// What the container image runs: the app as `dotnet publish` makes it (the Dockerfile's build step), started from
/// its own folder. It serves its assets, keeps /metrics on the metrics port only, answers the HEALTHCHECK's probe,
/// and writes nothing into its folder, so the image's root filesystem can be read-only.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed partial class PublishedAppTests : IAsyncLifetime
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _folder = Directory.CreateTempSubdirectory("darkside-published-").FullName;
    private PandaTestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(29, 1, 300, DateTime.UtcNow.AddMinutes(-1)));
        var project = Path.Combine(RepositoryRoot.Path, "DarkSide.Monitor", "DarkSide.Monitor.csproj");
        var (status, output) = await ProcessRunner.RunAsync(
            "dotnet",
            "publish",
            project,
            "-c",
            Configuration,
            // The build the tests run on: a rebuild would rewrite the assemblies other tests' apps are running from.
            "--no-build",
            "-o",
            _folder
        );
        Assert.True(status == 0, "dotnet publish failed:\n" + output);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, DateTime> Files() =>
        Directory
            .EnumerateFiles(_folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc, StringComparer.Ordinal);

    [GeneratedRegex("href=\"/?([^\"]+\\.css)\"")]
    private static partial Regex Stylesheet();

    [Fact]
    public async Task PublishedApp_ServesFromItsFolder_MetricsOnTheirPort_ProbeAnswers_NothingWritten()
    {
        var before = Files();
        var web = AppProcess.FreeLoopbackUrl();
        var metrics = AppProcess.FreeLoopbackUrl();
        var dll = Path.Combine(_folder, "DarkSide.Monitor.dll");
        await using (
            var app = await AppProcess.StartAsync(
                dll,
                web,
                new Dictionary<string, string>
                {
                    ["ConnectionStrings__Panda"] = _db.ReaderConnectionString,
                    ["ConnectionStrings__Monitor"] = _db.AdminConnectionString,
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["Iam__Mode"] = "DevelopmentViewer",
                    // As the image sets it: two endpoints, /metrics on the second only.
                    ["Kestrel__Endpoints__Web__Url"] = web,
                    ["Kestrel__Endpoints__Metrics__Url"] = metrics,
                    ["Telemetry__MetricsPort"] = new Uri(metrics).Port.ToString(
                        System.Globalization.CultureInfo.InvariantCulture
                    ),
                },
                "/healthz/ready"
            )
        )
        {
            using var http = new HttpClient();
            var page = await http.GetStringAsync(web + "/jobs?hours=1");
            var css = Stylesheet().Matches(page).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(3, css.Count);
            foreach (var path in css)
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(web + "/" + path)).StatusCode);
            }

            Assert.Contains(
                "darkside_monitor_",
                await http.GetStringAsync(metrics + "/metrics"),
                StringComparison.Ordinal
            );
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(web + "/metrics")).StatusCode);
            // Through the web port (as through an Ingress) with the metrics port written in the Host header.
            using var forged = new HttpRequestMessage(HttpMethod.Get, web + "/metrics");
            forged.Headers.Host = "monitor.example:" + new Uri(metrics).Port;
            using var forgedAnswer = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.NotFound, forgedAnswer.StatusCode);
            Assert.DoesNotContain(
                "darkside_monitor_",
                await forgedAnswer.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );

            var (up, upSaid) = await ProcessRunner.RunAsync("dotnet", dll, "probe", web + "/healthz/live");
            Assert.True(up == 0, upSaid);
        }

        var (down, downSaid) = await ProcessRunner.RunAsync("dotnet", dll, "probe", web + "/healthz/live");
        var (bad, badSaid) = await ProcessRunner.RunAsync("dotnet", dll, "probe", "healthz");

        Assert.Equal(1, down);
        Assert.Contains("did not answer", downSaid, StringComparison.Ordinal);
        Assert.Equal(2, bad);
        Assert.Contains("'healthz' is not an http(s) URL", badSaid, StringComparison.Ordinal);
        Assert.Equal(before, Files());
    }
}
