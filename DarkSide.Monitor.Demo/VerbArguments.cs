using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Hosting;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// How the verbs split their arguments: <c>Key=value</c> is configuration (connection strings, options) for the host;
/// anything starting with "-" is the verb's own option, so a mistyped <c>--runs=5</c> is refused, never silently
/// dropped.
/// </summary>
public static class VerbArguments
{
    public static bool IsSetting(string argument) => argument.Contains('=') && !argument.StartsWith('-');

    public static string[] Settings(string[] args) => args.Where(IsSetting).ToArray();

    /// <summary>
    /// The benchmarks' host: the monitor's options, its read-only PanDA data access and the features the benchmarks
    /// read through, as the dashboard wires them.
    /// </summary>
    public static HostApplicationBuilder BenchmarkBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(Settings(args));
        builder.Services.AddMonitorOptions(builder.Configuration);
        builder.Services.AddPandaCore().AddUsageData();
        return builder;
    }
}
