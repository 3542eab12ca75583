using DarkSide.Monitor.Hosting;

namespace DarkSide.Monitor.Tests.Configuration;

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
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, await MonitorCommandLine.RunAsync(args));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
