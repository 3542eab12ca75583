using DarkSide.Monitor.Demo;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// bench-live's browserless viewers stand in for Chromium pages beyond what one machine holds: their numbers mean
/// something only if the server treats them as viewers, opening the page's circuit and feeding it live updates.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class BrowserlessCircuitTests(MonitorServerFixture server)
{
    [Fact]
    public async Task BrowserlessCircuit_OpensTheJobList_AndReceivesItsLiveUpdates()
    {
        using var http = new HttpClient();
        var (circuit, _) = await BlazorCircuitClient.OpenAsync(
            http,
            new Uri(server.BaseUrl + "/jobs?hours=6"),
            CancellationToken.None
        );
        await using (circuit)
        {
            Assert.True(circuit.Batches >= 1);
            var opened = circuit.Updates;

            // The test server refreshes every second: each refresh renders its new time into the circuit.
            for (var wait = 0; wait < 300 && circuit.Updates < opened + 3; wait++)
            {
                await Task.Delay(100);
            }

            Assert.True(circuit.Updates >= opened + 3, $"{circuit.Updates - opened} live updates in 30 s");
        }
    }

    [Fact]
    public async Task BrowserlessCircuit_OnAPageWithoutACircuit_SaysSo()
    {
        using var http = new HttpClient();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BlazorCircuitClient.OpenAsync(http, new Uri(server.BaseUrl + "/healthz"), CancellationToken.None)
        );
        Assert.Contains("no interactive server component", refused.Message, StringComparison.Ordinal);
    }
}
