using System.Globalization;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// "bench-wire": what one open page costs on the wire. Opens a browserless circuit (<see cref="BlazorCircuitClient"/>)
/// on a running monitor, listens for a while and prints the bytes of each kind of render batch the server sent: the
/// first render, each live refresh, the clock's ticks. With --touch N it also moves N running jobs of PanDA's active
/// table to "just modified" before each refresh (through ConnectionStrings:PandaAdmin), so they jump to the top of a
/// list sorted by modification time: a refresh with a few changed rows.
/// </summary>
public static class WireBenchmark
{
    public const string Usage =
        "DarkSide.Monitor.Demo bench-wire --url http://127.0.0.1:5157 [--path /jobs] [--seconds 60] [--touch 0] "
        + "[--touch-interval-seconds 5]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (PageBenchmarkOptions.Parse(args, Usage, takesChromium: false) is not { } options)
        {
            return 2;
        }

        var (url, path, seconds, touch) = (options.Url, options.Path, options.Seconds, options.Touch);
        using var http = new HttpClient();
        var (circuit, firstData) = await BlazorCircuitClient.OpenAsync(http, new Uri(url.TrimEnd('/') + path), default);
        await using (circuit)
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // the summaries' batch follows the rows'
            var opening = circuit.Received.Count;
            await options.RunForAsync();

            Print(path, circuit.Received, opening, seconds, touch, firstData);
        }

        return 0;
    }

    public static async Task TouchAsync(string admin, int jobs, TimeSpan interval, CancellationToken stop)
    {
        await using var source = NpgsqlDataSource.Create(admin);
        while (!stop.IsCancellationRequested)
        {
            await using (
                var command = source.CreateCommand(
                    """
                    UPDATE doma_panda.jobsactive4 SET modificationtime = now() AT TIME ZONE 'UTC'
                    WHERE pandaid IN (SELECT pandaid FROM doma_panda.jobsactive4 WHERE jobstatus = 'running'
                                      ORDER BY random() LIMIT $1)
                    """
                )
            )
            {
                command.Parameters.AddWithValue(jobs);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }

            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void Print(
        string path,
        IReadOnlyList<RenderBatch> batches,
        int opening,
        int seconds,
        int touch,
        TimeSpan firstData
    )
    {
        var updates = batches.Skip(opening).Where(b => b.IsUpdate).Select(b => (double)b.Bytes).Order().ToList();
        var ticks = batches.Skip(opening).Where(b => !b.IsUpdate).Select(b => (double)b.Bytes).Order().ToList();
        var first = batches.Take(opening).Sum(b => (long)b.Bytes);
        var perMinute = batches.Skip(opening).Sum(b => (long)b.Bytes) * 60.0 / seconds;
        Console.WriteLine(
            "| view | jobs touched per refresh | opening batches (bytes) | live refreshes | bytes per refresh "
                + "median / p95 / max | other batches (clock) | bytes each, median | bytes per minute |"
        );
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|");
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| `{path}` | {touch} | {first:N0} | {updates.Count} | {Stats(updates)} | {ticks.Count} | "
                    + $"{(ticks.Count == 0 ? 0 : ticks[ticks.Count / 2]):N0} | {perMinute:N0} |"
            )
        );
        Console.WriteLine($"First data after {firstData.TotalMilliseconds:F0} ms.");
        if (Environment.GetEnvironmentVariable("BENCH_WIRE_TRACE") == "1")
        {
            foreach (var b in batches)
            {
                Console.WriteLine($"{b.ReceivedUtc:HH:mm:ss.fff} {b.Bytes} {(b.IsUpdate ? "update" : "")}");
            }
        }
    }

    private static string Stats(List<double> sorted) =>
        sorted.Count == 0
            ? "-"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{sorted[sorted.Count / 2]:N0} / {sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1]:N0} / "
                    + $"{sorted[^1]:N0}"
            );
}
