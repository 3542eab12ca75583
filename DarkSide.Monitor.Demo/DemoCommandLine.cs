using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// The demo tools' verbs: "seed" fills a demo database; "simulate" keeps it moving; "bench-jobs", "bench-usage",
/// "bench-live", "bench-wire" and "bench-browser" measure the monitor's reads, live fan-out and browser
/// work. The demo verbs use
/// ConnectionStrings:PandaAdmin, a role that may write PanDA's tables; the dashboard never does.
/// </summary>
public static class DemoCommandLine
{
    private static readonly string Usage = $"""
        Usage:
          DarkSide.Monitor.Demo seed [--days N] [--jobs-per-day N] [--seed N] [--now 2026-11-24T12:00:00]
              [--reader-role ROLE] [--if-empty]
          DarkSide.Monitor.Demo simulate [--interval-seconds N] [--jobs-per-tick N]
              [--incident-after-minutes N] [--incident-minutes N] [--incident-queue QUEUE]
          {JobListBenchmark.Usage}
          {UsageBenchmark.Usage}
          {LiveBenchmark.Usage}
          {WireBenchmark.Usage}
          {BrowserBenchmark.Usage}
          {AlertBenchmark.Usage}
          {ChatSink.Usage}
        The demo verbs write through ConnectionStrings:PandaAdmin (e.g. the environment variable
            ConnectionStrings__PandaAdmin).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') && !VerbArguments.IsSetting(args[0]) ? args[0] : null;
        switch (verb)
        {
            case "seed":
                return await DemoVerbAsync(args, SeedAsync);
            case "simulate":
                return await DemoVerbAsync(args, SimulateAsync);
            case "bench-jobs":
                return await JobListBenchmark.RunAsync(args[1..]);
            case "bench-usage":
                return await UsageBenchmark.RunAsync(args[1..]);
            case "bench-live":
                return await LiveBenchmark.RunAsync(args[1..]);
            case "bench-wire":
                return await WireBenchmark.RunAsync(args[1..]);
            case "bench-browser":
                return await BrowserBenchmark.RunAsync(args[1..]);
            case "bench-alerts":
                return await AlertBenchmark.RunAsync(args[1..]);
            case "chat-sink":
                return await ChatSink.RunAsync(args[1..]);
            default:
                Console.Error.WriteLine(
                    (verb is null ? "No command given." : $"Unknown command '{verb}'.") + "\n" + Usage
                );
                return 2;
        }
    }

    private static readonly Dictionary<string, string[]> VerbOptions = new()
    {
        ["seed"] = ["days", "jobs-per-day", "seed", "now", "reader-role", "if-empty"],
        ["simulate"] =
        [
            "interval-seconds",
            "jobs-per-tick",
            "incident-after-minutes",
            "incident-minutes",
            "incident-queue",
        ],
    };

    private static async Task<int> DemoVerbAsync(string[] args, Func<DemoContext, Task> verb)
    {
        var options = ParseOptions(args.Skip(1).ToArray(), VerbOptions[args[0]]);
        if (options is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var host = Host.CreateApplicationBuilder(VerbArguments.Settings(args));
        var adminConnection = host.Configuration.GetConnectionString("PandaAdmin");
        if (string.IsNullOrWhiteSpace(adminConnection))
        {
            Console.Error.WriteLine(
                "ConnectionStrings:PandaAdmin is not set; expected a PostgreSQL connection string for a role "
                    + "that may create and write PanDA's demo tables."
            );
            return 2;
        }

        var panda = host.Configuration.GetSection(PandaOptions.SectionName).Get<PandaOptions>() ?? new PandaOptions();
        var validation = new ValidatePandaOptions().Validate(null, panda);
        if (validation.Failed)
        {
            Console.Error.WriteLine(validation.FailureMessage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        await using var dataSource = NpgsqlDataSource.Create(adminConnection);
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(c => c.SingleLine = true));
        try
        {
            await verb(new DemoContext(dataSource, panda, options, loggers, cancel.Token));
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NpgsqlException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static async Task SeedAsync(DemoContext context)
    {
        var now = DateTime.UtcNow;
        if (
            context.Options.TryGetValue("now", out var text)
            && !DateTime.TryParseExact(
                text,
                ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                out now
            )
        )
        {
            throw new FormatException($"--now is '{text}'; expected a UTC time such as 2026-11-24T12:00:00.");
        }

        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        var settings = new DemoSettings(
            context.Int("seed", 20),
            context.Int("days", 30),
            context.Int("jobs-per-day", 20_000),
            now
        );
        var installer = new PandaSchemaInstaller(context.DataSource, context.Panda);
        if (context.Options.ContainsKey("if-empty") && await installer.ExistsAsync(context.Cancel))
        {
            Console.WriteLine($"{context.Panda.Schema} already exists; keeping its data.");
        }
        else
        {
            var report = await new DemoSeeder(
                context.DataSource,
                context.Panda,
                context.Loggers.CreateLogger<DemoSeeder>()
            ).SeedAsync(settings, context.Cancel);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Seeded {report.Jobs:N0} jobs in {report.Tasks:N0} tasks: {report.JobsPerSecond:N0} jobs/s "
                        + $"loading, {report.Total.TotalSeconds:F1} s with indexes."
                )
            );
        }

        if (context.Options.TryGetValue("reader-role", out var role))
        {
            await installer.GrantReadAsync(role, context.Cancel);
        }
    }

    private static async Task SimulateAsync(DemoContext context)
    {
        var simulator = new LiveSimulator(context.DataSource, context.Panda, context.Int("jobs-per-tick", 12));
        var logger = context.Loggers.CreateLogger("LiveSimulator");
        // A staged site incident (--incident-after-minutes): the demo's alert fires, is mailed, then resolves.
        var incident = context.Options.ContainsKey("incident-after-minutes")
            ? new SiteIncident(
                context.DataSource,
                context.Panda,
                context.Options.GetValueOrDefault("incident-queue") ?? "RAL-DS",
                DateTime.UtcNow.AddMinutes(context.Int("incident-after-minutes", 3)),
                TimeSpan.FromMinutes(context.Int("incident-minutes", 5)),
                3
            )
            : null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(context.Int("interval-seconds", 5)));
        do
        {
            var changed = await simulator.TickAsync(context.Cancel);
            changed += incident is null ? 0 : await incident.TickAsync(logger, context.Cancel);
            logger.LogDebug("Live simulator changed {Rows} rows", changed);
        } while (await timer.WaitForNextTickAsync(context.Cancel));
    }

    private static Dictionary<string, string>? ParseOptions(string[] args, string[] known)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (VerbArguments.IsSetting(args[i]))
            {
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
                return null;
            }

            var name = args[i][2..];
            if (!known.Contains(name))
            {
                Console.Error.WriteLine($"Unknown option --{name}; this command takes --{string.Join(", --", known)}.");
                return null;
            }

            var isFlag = name == "if-empty";
            if (!isFlag && (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"--{name} needs a value.");
                return null;
            }

            options[name] = isFlag ? "" : args[++i];
        }

        return options;
    }

    private sealed record DemoContext(
        NpgsqlDataSource DataSource,
        PandaOptions Panda,
        Dictionary<string, string> Options,
        ILoggerFactory Loggers,
        CancellationToken Cancel
    )
    {
        public int Int(string name, int fallback)
        {
            if (!Options.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new FormatException($"--{name} is '{text}'; expected a whole number ≥ 1.");
        }
    }
}
