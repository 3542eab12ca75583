namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Tests that load the 2-core machine on their own (a `dotnet publish`, three app processes and nginx): they run
/// after the parallel collections, one at a time, so they neither slow the browser tests into timeouts nor are
/// slowed by them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone on the machine";
}
