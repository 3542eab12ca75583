using System.Globalization;
using Microsoft.Playwright;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// "bench-live": live fan-out on a running monitor. Opens N real Chromium pages over D distinct job-list URLs, waits
/// until each shows its rows, then for a window of S seconds counts the updates each page receives and samples the
/// app's and PostgreSQL's CPU and the app's memory from /proc; then closes the pages and reads the app's memory again.
/// --light adds that many browserless circuits (<see cref="BlazorCircuitClient"/>) over the same views, for more
/// viewers than the machine holds Chromium pages. Prints one Markdown row.
/// </summary>
public static class LiveBenchmark
{
    public const string Usage =
        "DarkSide.Monitor.Demo bench-live --url http://127.0.0.1:5199 --app-pid PID [--viewers 10] [--distinct 1] "
        + "[--light 0] [--seconds 60] [--chromium /usr/bin/chromium] [--panda CONNECTION-STRING]";

    /// <summary>Where a page's first rows went, in ms from its navigation: scripts run, circuit asked, rows.</summary>
    private const string Phases = """
        () => [
            performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
            performance.getEntriesByType('resource').find(r => r.name.includes('/_blazor/negotiate'))?.startTime ?? -1,
            performance.now(),
        ]
        """;

    private const string CountUpdates = """
        () => {
            window.__updates = 0;
            const target = document.querySelector('[data-testid=live-updated]');
            let shown = target.textContent;
            new MutationObserver(() => {
                    if (target.textContent !== shown) { shown = target.textContent; window.__updates++; }
                })
                .observe(target, { childList: true, characterData: true, subtree: true });
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (url, pid, viewers, distinct, seconds, chromium) = ("", 0, 10, 1, 60, "/usr/bin/chromium");
        var (light, panda) = (0, "");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--url" => Set(ref url, value),
                "--app-pid" => int.TryParse(value, CultureInfo.InvariantCulture, out pid),
                "--viewers" => int.TryParse(value, CultureInfo.InvariantCulture, out viewers) && viewers > 0,
                "--distinct" => int.TryParse(value, CultureInfo.InvariantCulture, out distinct) && distinct > 0,
                "--light" => int.TryParse(value, CultureInfo.InvariantCulture, out light) && light >= 0,
                "--seconds" => int.TryParse(value, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                "--chromium" => Set(ref chromium, value),
                "--panda" => Set(ref panda, value),
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"Unexpected argument '{args[i]} {value}'; expected {Usage}");
                return 2;
            }
        }

        if (url.Length == 0 || pid <= 0 || args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"--url and --app-pid are required; expected {Usage}");
            return 2;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await PageBenchmarkOptions.LaunchAsync(playwright, chromium);
        var (rssBefore, heapBefore) = (Proc.RssMb(pid), Proc.GcHeapMb(pid));
        var (pages, firstRows, phases) = await OpenAsync(browser, url, viewers, distinct);
        var (circuits, firstData) = await OpenLightAsync(url, viewers, light, distinct);
        var updatesBefore = circuits.Select(c => c.Updates).ToList();
        var start = await Sample.TakeAsync(pid, panda);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var end = await Sample.TakeAsync(pid, panda);
        var lightUpdates = circuits.Select((c, i) => c.Updates - updatesBefore[i]).ToList();
        var updates = new List<int>();
        foreach (var page in pages)
        {
            updates.Add(await page.EvaluateAsync<int>("() => window.__updates"));
        }

        var (rssLoaded, heapLoaded) = (Proc.RssMb(pid), Proc.GcHeapMb(pid));
        foreach (var page in pages)
        {
            // Leaving the page, as a closed tab does, sends Blazor's disconnect beacon; closing the context alone
            // would leave each circuit to Blazor's 3-minute retention of disconnected circuits.
            await page.GotoAsync("about:blank");
            await page.Context.CloseAsync();
        }

        foreach (var circuit in circuits)
        {
            await circuit.DisposeAsync();
        }

        // Long enough for the feeds to stop and the GC to run; Blazor keeps a closed circuit's memory a while.
        await Task.Delay(TimeSpan.FromSeconds(30));
        var (rssAfter, heapAfter) = (Proc.RssMb(pid), Proc.GcHeapMb(pid));
        var perMinute = 60.0 / seconds;
        Console.WriteLine(
            "| pages + light circuits | distinct views | updates/min per page (median) | updates/min per light "
                + "circuit (median) | first rows p50 / p95 (ms) | light first rows p50 / p95 (ms) | app RSS before → "
                + "loaded → 30 s after closing (MB) | live heap before → loaded → after (MB) "
                + "| heap per viewer (MB) "
                + "| app CPU (s/min) | PostgreSQL CPU (s/min) | Chromium CPU (s/min) | PostgreSQL transactions/min |"
        );
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| {viewers} + {light} | {distinct} | {Median(updates) * perMinute:F1} | "
                    + $"{(light == 0 ? "-" : FormattableString.Invariant($"{Median(lightUpdates) * perMinute:F1}"))} | "
                    + $"{Percentiles(firstRows)} | {Percentiles(firstData)} | "
                    + $"{rssBefore:F0} → {rssLoaded:F0} → {rssAfter:F0} | "
                    + $"{heapBefore:F1} → {heapLoaded:F1} → {heapAfter:F1} | "
                    + $"{(heapLoaded - heapAfter) / (viewers + light):F2} | "
                    + $"{(end.AppCpu - start.AppCpu) * perMinute:F1} | "
                    + $"{(end.PostgresCpu - start.PostgresCpu) * perMinute:F1} | "
                    + $"{(end.ChromiumCpu - start.ChromiumCpu) * perMinute:F1} | "
                    + $"{(end.Transactions - start.Transactions) * perMinute:F0} |"
            )
        );
        Console.WriteLine(
            $"Chromium pages, medians from navigation start: scripts run (DOMContentLoaded) "
                + $"{PhaseMedian(phases, 0)} ms, circuit negotiation starts {PhaseMedian(phases, 1)} ms, rows shown "
                + $"{PhaseMedian(phases, 2)} ms."
        );
        return 0;
    }

    private static string PhaseMedian(List<double[]> phases, int phase) =>
        phases.Select(p => p[phase]).Order().ElementAt(phases.Count / 2).ToString("F0", CultureInfo.InvariantCulture);

    private static int Median(List<int> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static string Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return "–";
        }

        values.Sort();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{values[values.Count / 2]:F0} / {values[(int)Math.Ceiling(values.Count * 0.95) - 1]:F0}"
        );
    }

    /// <summary>Browserless circuits, opened one after another with everything before them live.</summary>
    private static async Task<(List<BlazorCircuitClient> Circuits, List<double> FirstDataMs)> OpenLightAsync(
        string url,
        int first,
        int count,
        int distinct
    )
    {
        var (circuits, firstData) = (new List<BlazorCircuitClient>(), new List<double>());
        using var http = new HttpClient();
        for (var i = first; i < first + count; i++)
        {
            var (circuit, elapsed) = await BlazorCircuitClient.OpenAsync(http, ViewUrl(url, i, distinct), default);
            circuits.Add(circuit);
            firstData.Add(elapsed.TotalMilliseconds);
        }

        return (circuits, firstData);
    }

    // Distinct views differ only in their window, so each costs about the same.
    private static Uri ViewUrl(string url, int viewer, int distinct) =>
        new($"{url.TrimEnd('/')}/jobs?days={7 + viewer % distinct}");

    private static bool Set(ref string target, string value)
    {
        target = value;
        return true;
    }

    private static readonly PageGotoOptions Committed = new() { WaitUntil = WaitUntilState.Commit, Timeout = 180_000 };

    /// <summary>Opens the pages one after another, the others live: how long each took to show rows.</summary>
    private static async Task<(List<IPage> Pages, List<double> FirstRowsMs, List<double[]> Phases)> OpenAsync(
        IBrowser browser,
        string url,
        int viewers,
        int distinct
    )
    {
        var (pages, firstRows, phases) = (new List<IPage>(), new List<double>(), new List<double[]>());
        // A new viewer of a running server, not the server's first request: one page warms it up (JIT, connections).
        var warmUp = await browser.NewPageAsync();
        await warmUp.GotoAsync(ViewUrl(url, 0, distinct).ToString());
        await warmUp.Locator("[data-testid=job-list][data-state=ready]").WaitForAsync(new() { Timeout = 60_000 });
        await warmUp.GotoAsync("about:blank");
        await warmUp.Context.CloseAsync();
        for (var i = 0; i < viewers; i++)
        {
            var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Rows, not the load event: a loaded machine may take long over the page's assets.
            await page.GotoAsync(ViewUrl(url, i, distinct).ToString(), Committed);
            await page.Locator("[data-testid=job-list][data-state=ready]").WaitForAsync(new() { Timeout = 180_000 });
            firstRows.Add(clock.Elapsed.TotalMilliseconds);
            phases.Add(await page.EvaluateAsync<double[]>(Phases));
            await page.EvaluateAsync(CountUpdates);
            pages.Add(page);
        }

        return (pages, firstRows, phases);
    }

    /// <summary>
    /// CPU from /proc; the database's committed transactions (the app's reads, one or a few per refresh) tell whether
    /// the database works per distinct view or per viewer.
    /// </summary>
    private sealed record Sample(double AppCpu, double PostgresCpu, double ChromiumCpu, long Transactions)
    {
        public static async Task<Sample> TakeAsync(int appPid, string panda) =>
            new(
                Proc.CpuSeconds(appPid),
                CpuSeconds(command => command == "postgres"),
                CpuSeconds(command => command.StartsWith("chrom", StringComparison.Ordinal)),
                await TransactionsAsync(panda)
            );

        private static double CpuSeconds(Func<string, bool> command) =>
            Directory
                .EnumerateDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
                .Where(p => p > 0 && command(Proc.Command(p)))
                .Sum(Proc.CpuSeconds);

        private static async Task<long> TransactionsAsync(string panda)
        {
            if (panda.Length == 0)
            {
                return 0;
            }

            await using var connection = new Npgsql.NpgsqlConnection(panda);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
                connection
            );
            // Statistics are sent every half second at most; the sample must not see a stale count.
            await Task.Delay(1000);
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }

    /// <summary>What /proc says about a process; zero once it has gone.</summary>
    private static class Proc
    {
        private static readonly double Ticks = 100.0; // USER_HZ on Linux

        public static string Command(int pid) => Read($"/proc/{pid}/comm").Trim();

        public static double CpuSeconds(int pid)
        {
            var stat = Read($"/proc/{pid}/stat");
            var fields = stat.Length == 0 ? [] : stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 12
                ? (
                    long.Parse(fields[11], CultureInfo.InvariantCulture)
                    + long.Parse(fields[12], CultureInfo.InvariantCulture)
                ) / Ticks
                : 0;
        }

        /// <summary>
        /// The app's live managed memory: dotnet-gcdump (the repository's local tool) forces a full collection and
        /// reports what survives. Null when the tool cannot run.
        /// </summary>
        public static double? GcHeapMb(int pid)
        {
            try
            {
                using var gcdump = System.Diagnostics.Process.Start(
                    new System.Diagnostics.ProcessStartInfo(
                        "dotnet",
                        ["tool", "run", "dotnet-gcdump", "report", "-p", pid.ToString(CultureInfo.InvariantCulture)]
                    )
                    {
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                    }
                )!;
                var output = gcdump.StandardOutput.ReadToEnd();
                gcdump.WaitForExit();
                var line = output
                    .Split('\n')
                    .FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
                return line is null
                    ? null
                    : long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture)
                        / 1024.0
                        / 1024;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        public static double RssMb(int pid) =>
            Read($"/proc/{pid}/status")
                .Split('\n')
                .FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
                is { } line
                ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
                    / 1024.0
                : 0;

        private static string Read(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (IOException)
            {
                return "";
            }
            catch (UnauthorizedAccessException)
            {
                return "";
            }
        }
    }
}
