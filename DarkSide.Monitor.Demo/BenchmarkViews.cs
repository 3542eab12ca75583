using System.Diagnostics;
using System.Globalization;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
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
        var tables = services.GetRequiredService<PandaSchema>();
        var parser = new JobQueryParser(services.GetRequiredService<JobListOptions>());
        var (task, site, user, prefix) = await DiscoverAsync(panda, schema);
        var floors = new BenchmarkFloors(
            panda,
            schema,
            tables.Has(PandaTable.JobsWaiting4),
            tables.Has(PandaTable.ArchivedJobs) ? tables.QualifiedName(PandaTable.ArchivedJobs) : null
        );
        var values = await FloorValuesAsync(panda, schema, site, task, user, prefix);
        const string Week = "j.modificationtime >= @now - interval '7 days'";
        const string Month = "j.modificationtime >= @now - interval '30 days'";
        const string HalfDay = "j.modificationtime >= @now - interval '12 hours'";
        const string Prefix = "j.jobname >= @prefix AND j.jobname < @prefix_end AND j.jobname LIKE @prefix_like";
        (string Query, BenchmarkFloors.View Floor)[] views =
        [
            ("", new(null, Week)),
            ("hours=12", new(HalfDay, HalfDay)),
            ("days=30", new(null, Month)),
            ($"computingsite={site}", new("j.computingsite = @site", $"j.computingsite = @site AND {Week}")),
            ("jobstatus=failed&days=30", new("j.jobstatus = 'failed'", $"j.jobstatus = 'failed' AND {Month}")),
            (
                $"jeditaskid={task}",
                new(
                    "j.jeditaskid = @task",
                    "j.jeditaskid = @task",
                    "j.attemptnr",
                    ReadsArchive: true,
                    DropRetried: true
                )
            ),
            (
                $"produsername=*{user}*&days=30",
                new("j.produsername = ANY(@users)", $"j.produsername = ANY(@users) AND {Month}")
            ),
            ($"jobname={prefix}*", new(Prefix, Prefix, ReadsArchive: true)),
            ("sortby=duration-descending", new(null, Week, BenchmarkFloors.Duration)),
            ("page=50", new(null, Week, Offset: 4900)),
        ];
        Console.WriteLine("| view | app page+count (ms) | floor (ms) | app/floor | app summaries (ms) | jobs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (text, floor) in views)
        {
            var app = await MeasureAsync(repository, parser, viewer, text, runs, floors, floor, values);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| `/jobs{(text.Length == 0 ? "" : "?" + text)}` | {app.Page:F0} | {app.Floor:F1} | "
                        + $"{app.Page / app.Floor:F1}× | {app.Summaries:F0} | {app.Total}{app.Mismatch} |"
                )
            );
        }

        return 0;
    }

    /// <summary>What the floors are written with: the exact user names and the prefix's range.</summary>
    private static async Task<Dictionary<string, object>> FloorValuesAsync(
        PandaDatabase panda,
        string schema,
        string site,
        long task,
        string user,
        string prefix
    )
    {
        var users = await panda.ReadAllAsync(
            SqlParameterBag.Command(
                $"SELECT DISTINCT produsername FROM {schema}.jobsarchived4 WHERE upper(produsername) LIKE @like",
                ("like", "%" + user.ToUpperInvariant() + "%")
            ),
            r => r.GetString(0),
            CancellationToken.None
        );
        return new()
        {
            ["now"] = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified),
            ["site"] = site,
            ["task"] = task,
            ["users"] = users.ToArray(),
            ["prefix"] = prefix,
            ["prefix_end"] = prefix[..^1] + (char)(prefix[^1] + 1),
            ["prefix_like"] = prefix.Replace("_", "\\_", StringComparison.Ordinal) + "%",
        };
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

    private sealed record Measured(double Page, double Floor, double Summaries, string Total, string Mismatch);

    /// <summary>Medians of the app's page+count, its floor and the summaries, interleaved after a warm-up.</summary>
    private static async Task<Measured> MeasureAsync(
        JobRepository repository,
        JobQueryParser parser,
        ViewerAccess viewer,
        string text,
        int runs,
        BenchmarkFloors floors,
        BenchmarkFloors.View floor,
        Dictionary<string, object> values
    )
    {
        var (pages, floorTimes, summaries) = (new List<double>(), new List<double>(), new List<double>());
        var (total, mismatch) = ("", "");
        for (var run = 0; run <= runs; run++)
        {
            var query = parser.Parse(QueryHelpers.ParseQuery(text), DateTime.UtcNow).Query!;
            values["now"] = DateTime.SpecifyKind(query.AsOfUtc, DateTimeKind.Unspecified);
            var clock = Stopwatch.StartNew();
            var page = await repository.GetJobsAsync(query, viewer, CancellationToken.None);
            var pageMs = clock.Elapsed.TotalMilliseconds;
            var floorRun = await floors.RunAsync(floor, values);
            clock.Restart();
            await repository.GetSummaryAsync(query, viewer, CancellationToken.None);
            if (run > 0)
            {
                pages.Add(pageMs);
                floorTimes.Add(floorRun.Ms);
                summaries.Add(clock.Elapsed.TotalMilliseconds);
            }

            total = string.Create(
                CultureInfo.InvariantCulture,
                $"{(page.Total.IsEstimate ? "~" : "")}{page.Total.Value:N0}"
            );
            // Jobs move between tables while this runs; a difference on the last run is reported, not hidden.
            var samePage = page.Jobs.Select(r => r.PandaId).SequenceEqual(floorRun.Page);
            mismatch =
                samePage && (page.Total.IsEstimate || page.Total.Value == floorRun.Total)
                    ? ""
                    : string.Create(
                        CultureInfo.InvariantCulture,
                        $" (floor: {floorRun.Total:N0}{(samePage ? "" : ", other rows")})"
                    );
        }

        return new(
            JobListBenchmark.Median(pages),
            JobListBenchmark.Median(floorTimes),
            JobListBenchmark.Median(summaries),
            total,
            mismatch
        );
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
