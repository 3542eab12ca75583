namespace DarkSide.Monitor.Hosting;

/// <summary>
/// The dashboard's entry point: it serves, after checking its configuration and PanDA's schema. It takes settings
/// (<c>Key=value</c>, <c>--urls</c>) but no verbs: the demo and benchmark verbs are DarkSide.Monitor.Demo's.
/// </summary>
public static class MonitorCommandLine
{
    private const string Usage = """
        Usage: DarkSide.Monitor [Key=value ...] [--urls http://host:port]   serve the dashboard
        The demo and benchmark verbs (seed, simulate, bench-jobs, bench-usage) are in DarkSide.Monitor.Demo.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=') ? args[0] : null;
        switch (verb)
        {
            case null:
                // appsettings.json sits beside the executable; run.sh starts it from the checkout's root.
                var builder = WebApplication.CreateBuilder(
                    new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }
                );
                builder.AddMonitor();
                var app = builder.Build();
                var problems = MonitorConfigurationCheck.Problems(app.Services);
                if (problems.Count > 0)
                {
                    Console.Error.WriteLine("DarkSide.Monitor cannot start; its configuration has problems:");
                    foreach (var problem in problems)
                    {
                        Console.Error.WriteLine("  - " + problem);
                    }

                    return 2;
                }

                var missing = await app
                    .Services.GetRequiredService<PandaSchemaService>()
                    .CheckAtStartupAsync(CancellationToken.None);
                if (missing is not null)
                {
                    Console.Error.WriteLine(
                        "DarkSide.Monitor cannot start; PanDA's database lacks what the monitor reads:"
                    );
                    foreach (var item in missing)
                    {
                        Console.Error.WriteLine("  - " + item);
                    }

                    return 3;
                }

                app.MapMonitor();
                await app.RunAsync();
                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{verb}'.\n{Usage}");
                return 2;
        }
    }
}
