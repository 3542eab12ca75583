using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Reads every option group once before the host starts, so a bad setting stops the app with all its problems
/// listed, each naming the key and what is expected, instead of a stack trace on the first one.
/// </summary>
public static class MonitorConfigurationCheck
{
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        var problems = new List<string>();
        Check<ConnectionOptions>(services, problems);
        Check<PandaOptions>(services, problems);
        Check<MonitorStoreOptions>(services, problems);
        Check<BlindingOptions>(services, problems);
        Check<JobListOptions>(services, problems);
        Check<DarkSide.Monitor.Rollups.RollupOptions>(services, problems);
        Check<SecurityOptions>(services, problems);
        Check<ReverseProxyOptions>(services, problems);
        Check<TelemetryOptions>(services, problems);
        Check<DevelopmentViewerOptions>(services, problems);
        Check<DarkSide.Monitor.Identity.IamOptions>(services, problems);
        return problems;
    }

    private static void Check<T>(IServiceProvider services, List<string> problems)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        catch (InvalidOperationException e)
        {
            // Binding failures, e.g. "abc" for a number, name the key and the value in their message.
            problems.Add(e.Message);
        }
    }
}
