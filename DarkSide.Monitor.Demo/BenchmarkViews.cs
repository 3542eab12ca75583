using System.Diagnostics;
using System.Globalization;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// "bench-jobs --views": the job-list views a shifter opens most, on whatever database is there: the default list,
/// short and long windows, a busy site, failures, a task (deep), a user substring, a jobname prefix, a costly sort and
/// a deep page. The task, site, user and prefix are read from the database, so the views select real jobs.
/// Prints one Markdown row per view: medians of the page with its count, and of the summaries.
/// </summary>
public static class BenchmarkViews
{
    public static async Task<int> RunAsync(
        IServiceProvider services,
        JobRepository repository,
        ViewerAccess viewer,
        int runs
    )
    {
        var panda = services.GetRequiredService<PandaDatabase>();
        var schema = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PandaOptions>>().Value.Schema;
        var parser = new JobQueryParser(services.GetRequiredService<JobListOptions>());
        var (task, site, user, prefix) = await DiscoverAsync(panda, schema);
        string[] queries =
        [
            "",
            "hours=12",
            "days=30",
            $"computingsite={site}",
            "jobstatus=failed&days=30",
            $"jeditaskid={task}",
            $"produsername=*{user}*&days=30",
            $"jobname={prefix}*",
            "sortby=duration-descending",
            "page=50",
        ];
        Console.WriteLine("| view | page+count (ms) | summaries (ms) | jobs |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var text in queries)
        {
            var (page, summaries, total) = await MeasureAsync(repository, parser, viewer, text, runs);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| `/jobs{(text.Length == 0 ? "" : "?" + text)}` | {page:F0} | {summaries:F0} | {total} |"
                )
            );
        }

        return 0;
    }

    private static async Task<(long Task, string Site, string User, string Prefix)> DiscoverAsync(
        PandaDatabase panda,
        string schema
    )
    {
        async Task<T> One<T>(string sql) =>
            (
                await panda.ReadAllAsync(
                    SqlParameterBag.Command(sql),
                    r => r.GetFieldValue<T>(0),
                    CancellationToken.None
                )
            ).Single();

        // The task with the most jobs among a sample, the third busiest site, a user's surname, a sim job's name.
        var task = await One<long>(
            $"SELECT jeditaskid FROM (SELECT jeditaskid FROM {schema}.jobsarchived4 TABLESAMPLE SYSTEM (1) "
                + "WHERE jeditaskid IS NOT NULL) s GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        var site = await One<string>(
            $"SELECT computingsite FROM {schema}.jobsarchived4 TABLESAMPLE SYSTEM (1) WHERE computingsite IS NOT "
                + "NULL GROUP BY 1 ORDER BY count(*) DESC OFFSET 2 LIMIT 1"
        );
        var user = await One<string>(
            $"SELECT lower(split_part(produsername, ' ', 2)) FROM {schema}.jobsarchived4 TABLESAMPLE SYSTEM (1) "
                + "WHERE produsername LIKE '% %' AND produsername NOT LIKE 'DarkSide%' GROUP BY 1 "
                + "ORDER BY count(*) DESC LIMIT 1"
        );
        var name = await One<string>(
            $"SELECT jobname FROM {schema}.jobsarchived4 TABLESAMPLE SYSTEM (1) WHERE jobname LIKE 'ds20k.sim.%' "
                + "ORDER BY pandaid LIMIT 1"
        );
        return (task, site, user, name[..(name.LastIndexOf('.') + 1)]);
    }

    private static async Task<(double Page, double Summaries, string Total)> MeasureAsync(
        JobRepository repository,
        JobQueryParser parser,
        ViewerAccess viewer,
        string text,
        int runs
    )
    {
        var pages = new List<double>();
        var summaries = new List<double>();
        var total = "";
        for (var run = 0; run <= runs; run++)
        {
            var query = parser.Parse(QueryHelpers.ParseQuery(text), DateTime.UtcNow).Query!;
            var clock = Stopwatch.StartNew();
            var page = await repository.GetJobsAsync(query, viewer, CancellationToken.None);
            var pageMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await repository.GetSummaryAsync(query, viewer, CancellationToken.None);
            if (run > 0)
            {
                pages.Add(pageMs);
                summaries.Add(clock.Elapsed.TotalMilliseconds);
            }

            total = string.Create(
                CultureInfo.InvariantCulture,
                $"{(page.Total.IsEstimate ? "~" : "")}{page.Total.Value:N0}"
            );
        }

        return (JobListBenchmark.Median(pages), JobListBenchmark.Median(summaries), total);
    }

    /// <summary>The plans of one view's page, count and summaries, as PostgreSQL ran them.</summary>
    public static async Task<int> ExplainAsync(IServiceProvider services, ViewerAccess viewer, string text)
    {
        var parsed = new JobQueryParser(services.GetRequiredService<JobListOptions>()).Parse(
            QueryHelpers.ParseQuery(text),
            DateTime.UtcNow
        );
        if (parsed.Query is not { } query)
        {
            Console.Error.WriteLine("--query has problems: " + string.Join(" ", parsed.Errors));
            return 2;
        }

        var sql = services.GetRequiredService<JobSqlBuilder>();
        var panda = services.GetRequiredService<PandaDatabase>();
        foreach (
            var (label, command) in new[]
            {
                ("page", sql.PageCommand(query, viewer)),
                ("count", sql.CountCommand(query, viewer, explain: false)),
                ("attribute summary", sql.SummaryCommand(query, viewer)),
                ("error summary", sql.ErrorSummaryCommand(query, viewer)),
            }
        )
        {
            await using var explained = command;
            explained.CommandText = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + explained.CommandText;
            Console.WriteLine($"-- {label} of /jobs?{text}");
            foreach (var line in await panda.ReadAllAsync(explained, r => r.GetString(0), CancellationToken.None))
            {
                Console.WriteLine(line);
            }
        }

        return 0;
    }
}
