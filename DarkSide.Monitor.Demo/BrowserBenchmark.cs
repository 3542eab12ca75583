using System.Globalization;
using Microsoft.Playwright;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// "bench-browser": what a live refresh costs the browser. Opens one page in real Chromium at 1440×900, records the
/// main thread's long tasks (over 50 ms, Chromium's Long Tasks timeline) for a while, and attributes each to the live
/// refresh it followed. With --touch N, N running jobs are moved to "just modified" before each refresh (as
/// bench-wire does), so each refresh changes at least N rows of a list sorted by modification time.
/// </summary>
public static class BrowserBenchmark
{
    public const string Usage =
        "DarkSide.Monitor.Demo bench-browser --url http://127.0.0.1:5157 [--path /jobs] [--seconds 60] [--touch 0] "
        + "[--touch-interval-seconds 5] [--chromium /usr/bin/chromium]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (PageBenchmarkOptions.Parse(args, Usage, takesChromium: true) is not { } options)
        {
            return 2;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await PageBenchmarkOptions.LaunchAsync(playwright, options.Chromium);
        var page = await browser.NewPageAsync(
            new()
            {
                ViewportSize = new() { Width = 1440, Height = 900 },
            }
        );
        await page.GotoAsync(options.Url.TrimEnd('/') + options.Path);
        await page.Locator("[data-testid=job-table] tbody.job").First.WaitForAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // the summaries follow the rows
        // Each refresh re-stamps the table's data-as-of; a long task belongs to the refresh before it.
        await page.EvaluateAsync(
            """
            () => {
                window.__bench = { refreshes: [], tasks: [] };
                new PerformanceObserver((list) => list.getEntries().forEach((e) =>
                    window.__bench.tasks.push([e.startTime, e.duration]))).observe({ type: "longtask" });
                new MutationObserver(() => window.__bench.refreshes.push(performance.now()))
                    .observe(document.querySelector("[data-testid=job-table]"),
                        { attributes: true, attributeFilter: ["data-as-of"] });
            }
            """
        );
        await options.RunForAsync();

        var result = await page.EvaluateAsync<Recorded>(
            "() => ({ refreshes: window.__bench.refreshes, tasks: window.__bench.tasks })"
        );
        Print(options.Path, options.Touch, result);
        return 0;
    }

    /// <summary>What the page recorded: each refresh's time, each long task's start and duration (ms).</summary>
    public sealed class Recorded
    {
        public double[] Refreshes { get; set; } = [];

        public double[][] Tasks { get; set; } = [];
    }

    private static void Print(string path, int touch, Recorded recorded)
    {
        // The longest task of each refresh: from its re-stamp to the next one.
        var longest = recorded
            .Refreshes.Select(
                (at, i) =>
                    recorded
                        .Tasks.Where(t =>
                            t[0] + t[1] >= at
                            && (i + 1 == recorded.Refreshes.Length || t[0] < recorded.Refreshes[i + 1])
                        )
                        .Select(t => t[1])
                        .DefaultIfEmpty(0)
                        .Max()
            )
            .Order()
            .ToList();
        var over = longest.Count(ms => ms > 50);
        Console.WriteLine(
            "| view | jobs touched per refresh | refreshes | refreshes with a task > 50 ms | longest task per refresh "
                + "median / max (ms) | long tasks in all |"
        );
        Console.WriteLine("|---|---:|---:|---:|---|---:|");
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| `{path}` | {touch} | {longest.Count} | {over} | "
                    + $"{(longest.Count == 0 ? 0 : longest[longest.Count / 2]):F0} / "
                    + $"{(longest.Count == 0 ? 0 : longest[^1]):F0} | {recorded.Tasks.Length} |"
            )
        );
    }
}
