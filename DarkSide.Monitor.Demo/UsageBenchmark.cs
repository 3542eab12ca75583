using System.Diagnostics;
using System.Globalization;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Hosting;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// "bench-usage": seeds N jobs over D days with the demo seeder (unless --reuse), backfills the rollups, then times
/// each coordinator question from the rollups (the repository call the page makes) and as a direct aggregate over
/// jobsarchived4, and the incremental run after a minute of live traffic. Prints a Markdown table of medians.
/// </summary>
public static class UsageBenchmark
{
    public const string Usage = "DarkSide.Monitor.Demo bench-usage [--jobs 10000000] [--days 365] [--runs 7] [--reuse]";

    public static async Task<int> RunAsync(string[] args)
    {
        var (jobs, days, runs, reuse) = (10_000_000, 365, 7, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--jobs"
                    when i + 1 < args.Length
                        && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out jobs)
                        && jobs > 0:
                    i++;
                    break;
                case "--days"
                    when i + 1 < args.Length
                        && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out days)
                        && days > 0:
                    i++;
                    break;
                case "--runs"
                    when i + 1 < args.Length
                        && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out runs)
                        && runs > 0:
                    i++;
                    break;
                case "--reuse":
                    reuse = true;
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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        using var host = builder.Build();
        var problems = MonitorConfigurationCheck.Problems(host.Services);
        var admin = builder.Configuration.GetConnectionString("PandaAdmin");
        if (problems.Count > 0 || string.IsNullOrWhiteSpace(admin))
        {
            Console.Error.WriteLine(
                "bench-usage cannot start: "
                    + string.Join(" ", problems)
                    + (
                        string.IsNullOrWhiteSpace(admin)
                            ? " ConnectionStrings:PandaAdmin is not set; expected a role that may write PanDA's "
                                + "demo tables."
                            : ""
                    )
            );
            return 2;
        }

        var services = host.Services;
        var pandaOptions = services.GetRequiredService<IOptions<PandaOptions>>().Value;
        await using var adminSource = NpgsqlDataSource.Create(admin);
        var now = DateTime.UtcNow;
        if (!reuse)
        {
            var seeded = await new DemoSeeder(
                adminSource,
                pandaOptions,
                services.GetRequiredService<ILogger<DemoSeeder>>()
            ).SeedAsync(new DemoSettings(20, days, jobs / days, now), CancellationToken.None);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Seeded {seeded.Jobs:N0} jobs over {days} days in {seeded.Total.TotalSeconds:N0} s"
                )
            );
            await new PandaSchemaInstaller(adminSource, pandaOptions).GrantReadAsync(
                "panda_reader",
                CancellationToken.None
            );
        }

        await services.GetRequiredService<MonitorMigrator>().MigrateAsync(CancellationToken.None);
        var aggregator = services.GetRequiredService<UsageAggregator>();
        var backfill = await aggregator.RunOnceAsync(CancellationToken.None);
        var rows = new List<string>
        {
            string.Create(
                CultureInfo.InvariantCulture,
                $"| first aggregation "
                    + $"({(backfill.Backfill ? "backfill" : "incremental, rollups already built")}) | "
                    + $"{backfill.Jobs:N0} jobs, {backfill.Chunks} days | {backfill.Elapsed.TotalSeconds:N1} s | | |"
            ),
        };

        var viewer = new ViewerAccess("benchmark", CanSeeBlindData: false);
        var usage = services.GetRequiredService<UsageRepository>();
        var sites = services.GetRequiredService<SiteRepository>();
        var panda = services.GetRequiredService<PandaDatabase>();
        var schema = pandaOptions.Schema;
        var last30 = UsageQueryParser
            .Parse(
                new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["days"] = "30" },
                now,
                UsageView.Usage
            )
            .Query!;
        var memory = UsageQueryParser
            .Parse(
                new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["days"] = "30" },
                now,
                UsageView.Memory
            )
            .Query!;
        var week = UsageQueryParser
            .ParseSiteWindow(
                new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["days"] = "7" },
                now
            )
            .Window!;
        const string Ended = "jobstatus IN ('finished', 'failed', 'cancelled', 'closed')";
        const string Cores = "greatest(coalesce(nullif(actualcorecount, 0), nullif(corecount, 0), 1), 1)";
        var questions = new (string Name, Func<Task> Rollup, string Direct, DateTime From)[]
        {
            (
                "30-day usage per site per day (/usage)",
                () => usage.GetUsageAsync(last30, viewer, CancellationToken.None),
                $"SELECT date_trunc('day', modificationtime), computingsite, count(*), count(*) FILTER (WHERE "
                    + $"jobstatus = 'finished'), count(*) FILTER (WHERE jobstatus = 'failed'), "
                    + $"sum(extract(epoch FROM endtime - starttime) * {Cores}) FILTER (WHERE endtime > "
                    + $"starttime), sum(cpuconsumptiontime), sum(hs06sec), sum(nevents), sum(inputfilebytes), "
                    + $"sum(outputfilebytes) "
                    + $"FROM {schema}.jobsarchived4 WHERE modificationtime >= @from AND {Ended} GROUP BY 1, 2",
                last30.Window.From
            ),
            (
                "30-day PSS/core histogram by transformation (/memory)",
                () => usage.GetMemoryAsync(memory, viewer, CancellationToken.None),
                $"SELECT regexp_replace(transformation, '^.*/', ''), least(floor(maxpss / 1024.0 / {Cores} / "
                    + $"256), 24), count(*) "
                    + $"FROM {schema}.jobsarchived4 WHERE modificationtime >= @from AND {Ended} AND maxpss > 0 "
                    + $"GROUP BY 1, 2",
                memory.Window.From
            ),
            (
                "7-day site throughput (/sites)",
                () => sites.GetSitesAsync(week, viewer, CancellationToken.None),
                $"SELECT computingsite, count(*) FILTER (WHERE jobstatus = 'finished'), count(*) FILTER (WHERE "
                    + $"jobstatus = 'failed'), "
                    + $"sum(extract(epoch FROM endtime - starttime) * {Cores}) FILTER (WHERE endtime > starttime) "
                    + $"FROM {schema}.jobsarchived4 WHERE modificationtime >= @from AND {Ended} GROUP BY 1",
                week.From
            ),
        };

        foreach (var (name, rollup, direct, from) in questions)
        {
            var rollupMs = await MedianAsync(runs, rollup);
            var directMs = await MedianAsync(
                Math.Min(runs, 3),
                async () =>
                {
                    await using var command = new NpgsqlCommand(direct);
                    command.Parameters.AddWithValue("from", from);
                    await panda.ReadAllAsync(command, r => r.FieldCount, CancellationToken.None);
                }
            );
            rows.Add(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | rollups {rollupMs:N1} ms | direct {directMs:N0} ms | {directMs / rollupMs:N0}× |"
                )
            );
        }

        var simulator = new LiveSimulator(adminSource, pandaOptions, Math.Max(1, jobs / days / 24 / 60 * 5));
        var before = await aggregator.RunOnceAsync(CancellationToken.None);
        for (var tick = 0; tick < 12; tick++)
        {
            await simulator.TickAsync(CancellationToken.None);
        }

        var incremental = await aggregator.RunOnceAsync(CancellationToken.None);
        rows.Add(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| incremental run after 1 minute of live traffic (12 simulator ticks) | {incremental.Jobs:N0} "
                    + $"jobs re-read in the {incremental.From:HH:mm}–now overlap | "
                    + $"{incremental.Elapsed.TotalMilliseconds:N0} ms | idle run "
                    + $"{before.Elapsed.TotalMilliseconds:N0} ms |"
            )
        );

        Console.WriteLine();
        Console.WriteLine("| question | from the rollups | direct aggregate over jobsarchived4 | speed-up |");
        Console.WriteLine("|---|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<double> MedianAsync(int runs, Func<Task> action)
    {
        await action(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times.Count % 2 == 1
            ? times[times.Count / 2]
            : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    }
}
