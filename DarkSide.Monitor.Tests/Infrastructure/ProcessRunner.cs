using System.Diagnostics;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>Runs a command to its end: its exit code, and what it printed on both streams.</summary>
public static class ProcessRunner
{
    public static async Task<(int Status, string Output)> RunAsync(string file, params string[] args)
    {
        using var process =
            Process.Start(
                new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true }
            ) ?? throw new InvalidOperationException("Could not start " + file);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
