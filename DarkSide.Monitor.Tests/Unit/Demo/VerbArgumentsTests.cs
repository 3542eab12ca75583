using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Hosting;

namespace DarkSide.Monitor.Tests.Unit.Demo;

[Trait("Kind", "Unit")]
public sealed class VerbArgumentsTests
{
    [Theory]
    [InlineData("ConnectionStrings:Panda=Host=db", true)]
    [InlineData("Iam:Mode=DevelopmentViewer", true)]
    [InlineData("--runs=5", false)]
    [InlineData("-x=1", false)]
    [InlineData("--runs", false)]
    [InlineData("seed", false)]
    public void OnlyKeyValueArguments_AreSettings(string argument, bool isSetting) =>
        Assert.Equal(isSetting, VerbArguments.IsSetting(argument));

    // Before, "--runs=5" was skipped as a setting by the verb and dropped by the host: the run used its defaults.
    [Theory]
    [InlineData(new[] { "bench-jobs", "--runs=5" }, "Unexpected argument '--runs=5'")]
    [InlineData(new[] { "bench-usage", "--jobs=1000" }, "Unexpected argument '--jobs=1000'")]
    [InlineData(new[] { "seed", "--days=5" }, "Unknown option --days=5")]
    [InlineData(new[] { "bench-usage", "--jobs", "many" }, "Unexpected argument '--jobs'")]
    public async Task AnOptionWrittenWithEquals_IsRefusedByName_NotSilentlyIgnored(string[] args, string message)
    {
        var (code, error) = await RunAsync(() => DemoCommandLine.RunAsync(args));

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("bench-jobs")]
    public async Task TheDashboard_TakesNoDemoVerbs_AndSaysWhereTheyAre(string verb)
    {
        var (code, error) = await RunAsync(() => MonitorCommandLine.RunAsync([verb]));

        Assert.Equal(2, code);
        Assert.Contains($"Unknown command '{verb}'", error, StringComparison.Ordinal);
        Assert.Contains("are in DarkSide.Monitor.Demo", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> RunAsync(Func<Task<int>> run)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (await run(), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
