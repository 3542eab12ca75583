namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Base of the browser test classes: the pages a test opened are closed when it ends, so their live circuits stop.
/// </summary>
public abstract class ClosesPagesAfterEachTest(Func<BrowserSession> browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser().ClosePagesAsync();
}
