namespace DarkSide.Monitor.Hosting;

/// <summary>
/// The dashboard's entry point: it serves, after checking its configuration and PanDA's schema. It takes settings
/// (<c>Key=value</c>, <c>--urls</c>) but no verbs: the demo and benchmark verbs are DarkSide.Monitor.Demo's.
/// </summary>
public static class MonitorCommandLine
{
    private const string Usage = """
        Usage: DarkSide.Monitor [Key=value ...] [--urls http://host:port]   serve the dashboard
               DarkSide.Monitor probe [url]   exit 0 if url (default http://127.0.0.1:8080/healthz/live) answers 200
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
            case "probe":
                // The container's HEALTHCHECK: the runtime image has no curl or wget.
                return await ProbeAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:8080/healthz/live");
            default:
                Console.Error.WriteLine($"Unknown command '{verb}'.\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> ProbeAsync(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine(
                $"probe: '{url}' is not an http(s) URL; expected e.g. http://127.0.0.1:8080/healthz/live"
            );
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var response = await http.GetAsync(uri);
            Console.WriteLine($"{(int)response.StatusCode} {url}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"probe: {url} did not answer: {e.Message}");
            return 1;
        }
    }
}
