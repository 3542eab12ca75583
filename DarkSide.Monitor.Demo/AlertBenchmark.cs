using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Features.Alerts.Rules;
using DarkSide.Monitor.Hosting;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// One evaluation of every default alert rule on a PanDA database, timed per rule over several runs, and each rule's
/// statements explained: their execution time inside PostgreSQL (the "database time") and whether any reads a
/// job table by a sequential scan.
/// </summary>
public static class AlertBenchmark
{
    public const string Usage = "DarkSide.Monitor.Demo bench-alerts [--runs N]   (ConnectionStrings:Panda)";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 7;
        if (args is ["--runs", var text, ..] && !int.TryParse(text, CultureInfo.InvariantCulture, out runs) || runs < 1)
        {
            Console.Error.WriteLine("Expected: " + Usage);
            return 2;
        }

        var builder = VerbArguments.BenchmarkBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAlertRules();
        using var host = builder.Build();
        var problems = MonitorConfigurationCheck.Problems(host.Services);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("bench-alerts cannot start: " + string.Join(" ", problems));
            return 2;
        }

        var services = host.Services;
        var panda = services.GetRequiredService<PandaDatabase>();
        await services.GetRequiredService<PandaSchema>().CheckAsync(panda.DataSource, CancellationToken.None);
        var rules = services.GetServices<IAlertRule>().Where(r => r is not PandaUnreadableRule).ToList();
        var jobs = await panda.ScalarAsync(
            SqlCommand("SELECT reltuples::bigint FROM pg_class WHERE relname = 'jobsarchived4'"),
            CancellationToken.None
        );
        Console.WriteLine($"Alert rules on a PanDA database of ~{jobs:N0} archived jobs, {runs} runs after a warm-up:");
        var times = rules.ToDictionary(r => r.Name, _ => new List<double>());
        var found = new Dictionary<string, int>();
        for (var run = 0; run <= runs; run++)
        {
            var context = new AlertContext(DateTime.UtcNow, "");
            foreach (var rule in rules)
            {
                var started = Stopwatch.GetTimestamp();
                found[rule.Name] = (await rule.EvaluateAsync(context, CancellationToken.None)).Count;
                if (run > 0)
                {
                    times[rule.Name].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        var explained = await ExplainAsync(services, panda);
        Console.WriteLine(
            string.Concat(Left("rule", 18), Right("median ms", 11), Right("max ms", 9), Right("alerts", 8))
                + Right("DB ms", 8)
                + "  seq scans of job tables"
        );
        foreach (var rule in rules)
        {
            var sorted = times[rule.Name].Order().ToList();
            var (database, scans) = explained.GetValueOrDefault(rule.Name);
            Console.WriteLine(
                string.Concat(Left(rule.Name, 18), Right(Ms(sorted[sorted.Count / 2]), 11), Right(Ms(sorted[^1]), 9))
                    + Right(found[rule.Name].ToString(CultureInfo.InvariantCulture), 8)
                    + Right(Ms(database), 8)
                    + "  "
                    + (scans.Count == 0 ? "none" : string.Join(", ", scans))
            );
        }

        var medians = times.Values.Select(t => t.Order().ElementAt(t.Count / 2)).Sum();
        var total = explained.Values.Sum(e => e.Milliseconds);
        Console.WriteLine(
            string.Concat(Left("all rules", 18), Right(Ms(medians), 11), Right("", 9))
                + Right(found.Values.Sum().ToString(CultureInfo.InvariantCulture), 8)
                + Right(Ms(total), 8)
        );
        return 0;
    }

    /// <summary>
    /// The statements each rule runs with its default settings, under EXPLAIN ANALYZE: their execution times summed,
    /// and the job tables any of them scans sequentially.
    /// </summary>
    private static async Task<Dictionary<string, (double Milliseconds, List<string> Scans)>> ExplainAsync(
        IServiceProvider services,
        PandaDatabase panda
    )
    {
        var sql = services.GetRequiredService<AlertSql>();
        var options = services.GetRequiredService<AlertOptions>().Rules;
        var jobList = services.GetRequiredService<JobListOptions>();
        var now = DateTime.UtcNow;
        var end = new AlertContext(now, "").WindowEndUtc;
        DateTime Back(string window) => end - AlertDuration.Parse(window);
        var statements = new List<(string Rule, NpgsqlCommand? Command)>
        {
            ("SiteFailureRate", sql.EndedJobsCommand(Back(options.SiteFailureRate.Window), end, "computingsite")),
            ("SiteFailureRate", sql.SiteErrorsCommand(Back(options.SiteFailureRate.Window), end)),
            ("ErrorBurst", sql.SiteErrorsCommand(Back(options.ErrorBurst.Window), end)),
            ("StalledJobs", sql.StalledJobsCommand(now.AddHours(-jobList.StalledHours))),
            (
                "QueueNotStarting",
                sql.QueuesNotStartingCommand(
                    options.QueueNotStarting.MinActivated,
                    now - AlertDuration.Parse(options.QueueNotStarting.Window)
                )
            ),
            (
                "TaskInTrouble",
                sql.TroubledTasksCommand(options.TaskInTrouble.Statuses, Back(options.TaskInTrouble.Window))
            ),
            ("TaskInTrouble", sql.EndedJobsCommand(Back(options.TaskInTrouble.Window), end, "jeditaskid")),
            ("QueueNotOnline", sql.QueuesNotOnlineCommand()),
        };
        var result = new Dictionary<string, (double, List<string>)>();
        foreach (var (rule, command) in statements)
        {
            if (command is null)
            {
                continue;
            }

            await using var explain = command;
            explain.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + explain.CommandText;
            var json = (string)(await panda.ScalarAsync(explain, CancellationToken.None))!;
            var plan = JsonSerializer.Deserialize<JsonElement>(json)[0];
            var (milliseconds, scans) = result.GetValueOrDefault(rule, (0, []));
            scans.AddRange(
                SeqScans(plan.GetProperty("Plan")).Where(t => t.StartsWith("jobs", StringComparison.Ordinal))
            );
            result[rule] = (milliseconds + plan.GetProperty("Execution Time").GetDouble(), scans);
        }

        return result;
    }

    private static IEnumerable<string> SeqScans(JsonElement node)
    {
        if (node.GetProperty("Node Type").GetString() == "Seq Scan")
        {
            yield return node.GetProperty("Relation Name").GetString() ?? "";
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(SeqScans))
            {
                yield return child;
            }
        }
    }

    private static NpgsqlCommand SqlCommand(string sql) => new(sql);

    private static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Left(string text, int width) => text.PadRight(width);

    private static string Right(string text, int width) => text.PadLeft(width);
}
