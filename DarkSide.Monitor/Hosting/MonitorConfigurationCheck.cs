using DarkSide.Monitor.Configuration;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Reads every option group once before the host starts, so a bad setting stops the app with all its problems
/// listed, each naming the key and what is expected, instead of a stack trace on the first one.
/// </summary>
public static class MonitorConfigurationCheck
{
    /// <summary>The problems of every option group registered with <see cref="CheckedOptions"/>, in its
    /// order.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        var problems = new List<string>();
        var check = typeof(MonitorConfigurationCheck).GetMethod(
            nameof(Check),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static
        )!;
        foreach (var type in services.GetRequiredService<CheckedOptions.Registry>().Types)
        {
            check.MakeGenericMethod(type).Invoke(null, [services, problems]);
        }

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
