using System.Globalization;
using Microsoft.Playwright;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// What bench-wire and bench-browser are told: the monitor's URL, the page, how long, how many running jobs to touch
/// before each refresh (through ConnectionStrings:PandaAdmin) and how often; bench-browser also which Chromium.
/// </summary>
public sealed record PageBenchmarkOptions(
    string Url,
    string Path,
    int Seconds,
    int Touch,
    int IntervalSeconds,
    string Chromium,
    string? Admin
)
{
    /// <summary>The options, or null after naming what is wrong and what is expected.</summary>
    public static PageBenchmarkOptions? Parse(string[] args, string usage, bool takesChromium)
    {
        var (url, path, seconds, touch, interval, chromium) = ("", "/jobs", 60, 0, 5, "/usr/bin/chromium");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--url" => (url = value).Length > 0,
                "--path" => (path = value).StartsWith('/'),
                "--seconds" => int.TryParse(value, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                "--touch" => int.TryParse(value, CultureInfo.InvariantCulture, out touch) && touch >= 0,
                "--touch-interval-seconds" => int.TryParse(value, CultureInfo.InvariantCulture, out interval)
                    && interval > 0,
                "--chromium" when takesChromium => (chromium = value).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"Unexpected argument '{args[i]} {value}'; expected {usage}");
                return null;
            }
        }

        var admin = Environment.GetEnvironmentVariable("ConnectionStrings__PandaAdmin");
        if (url.Length == 0 || args.Length % 2 != 0 || (touch > 0 && string.IsNullOrEmpty(admin)))
        {
            Console.Error.WriteLine(
                $"--url is required, and --touch needs ConnectionStrings__PandaAdmin; expected {usage}"
            );
            return null;
        }

        return new PageBenchmarkOptions(url, path, seconds, touch, interval, chromium, admin);
    }

    /// <summary>Waits the run's length, touching jobs before each refresh when asked to.</summary>
    public async Task RunForAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds));
        if (Touch > 0)
        {
            await WireBenchmark.TouchAsync(Admin!, Touch, TimeSpan.FromSeconds(IntervalSeconds), stop.Token);
        }
        else
        {
            await Task.Delay(TimeSpan.FromSeconds(Seconds));
        }
    }

    /// <summary>Debian's Chromium as the benchmarks run it: headless, without a sandbox or a GPU.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string chromium) =>
        playwright.Chromium.LaunchAsync(
            new()
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu"],
            }
        );
}
