using System.Diagnostics;
using System.Globalization;
using DarkSide.Monitor.Hosting;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// "bench-jobs": the server-side time of one job-list view, measured on the code path the live page uses (the page
/// with its count, then the attribute and error summaries), with the app's own wiring and read-only connection.
/// One warm-up run, then N measured runs; prints each and the medians.
/// </summary>
public static class JobListBenchmark
{
    public const string Usage =
        "DarkSide.Monitor.Demo bench-jobs [--runs N] [--query \"hours=12&jobstatus=failed\" | --views] "
        + "[--blind-access] [--explain]";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 7;
        var queryText = "";
        var blindAccess = false;
        var views = false;
        var explain = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs"
                    when i + 1 < args.Length
                        && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out runs)
                        && runs > 0:
                    i++;
                    break;
                case "--query" when i + 1 < args.Length:
                    queryText = args[++i];
                    break;
                case "--blind-access":
                    blindAccess = true;
                    break;
                case "--views":
                    views = true;
                    break;
                case "--explain":
                    explain = true;
                    break;
                default:
                    if (VerbArguments.IsSetting(args[i]))
                    {
                        break;
                    }

                    Console.Error.WriteLine($"Unexpected argument '{args[i]}'; expected {Usage}");
                    return 2;
            }
        }

        var builder = VerbArguments.BenchmarkBuilder(args);
        using var host = builder.Build();
        var problems = MonitorConfigurationCheck.Problems(host.Services);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("bench-jobs cannot start: " + string.Join(" ", problems));
            return 2;
        }

        var repository = host.Services.GetRequiredService<JobRepository>();
        var options = host.Services.GetRequiredService<JobListOptions>();
        var viewer = new ViewerAccess("benchmark", blindAccess);
        await host
            .Services.GetRequiredService<PandaSchema>()
            .CheckAsync(host.Services.GetRequiredService<PandaDatabase>().DataSource, CancellationToken.None);
        if (views)
        {
            return await BenchmarkViews.RunAsync(host.Services, repository, viewer, runs);
        }

        if (explain)
        {
            return await BenchmarkViews.ExplainAsync(host.Services, viewer, queryText);
        }

        var pages = new List<double>();
        var summaries = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var parsed = new JobQueryParser(options).Parse(QueryHelpers.ParseQuery(queryText), DateTime.UtcNow);
            if (parsed.Query is not { } query)
            {
                Console.Error.WriteLine("--query has problems: " + string.Join(" ", parsed.Errors));
                return 2;
            }

            var clock = Stopwatch.StartNew();
            var page = await repository.GetJobsAsync(query, viewer, CancellationToken.None);
            var pageMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var summary = await repository.GetSummaryAsync(query, viewer, CancellationToken.None);
            var summaryMs = clock.Elapsed.TotalMilliseconds;
            var label = run == 0 ? "warm-up" : $"run {run}";
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{label.PadRight(8)} page {Ms(pageMs)} ms  summaries {Ms(summaryMs)} ms  total "
                        + $"{Ms(pageMs + summaryMs)} ms"
                        + $"  ({page.Total.Value:N0} jobs{(page.Total.IsEstimate ? ", estimated" : "")}, "
                        + $"{summary.Errors.Count} error codes)"
                )
            );
            if (run > 0)
            {
                pages.Add(pageMs);
                summaries.Add(summaryMs);
            }
        }

        var totals = pages.Zip(summaries, (p, s) => p + s).ToList();
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"median   page {Ms(Median(pages))} ms  summaries {Ms(Median(summaries))} ms"
                    + $"  total {Ms(Median(totals))} ms  over {runs} runs of /jobs?{queryText}"
            )
        );
        return 0;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // Right-aligned in seven characters, so the runs line up.
    private static string Ms(double milliseconds) =>
        milliseconds.ToString("F0", CultureInfo.InvariantCulture).PadLeft(7);
}
