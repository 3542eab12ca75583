using System.Net;
using System.Net.WebSockets;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Cross-site websocket hijacking and cross-origin forms: a page on another origin must not open the monitor's live
/// circuit (which renders pages with the viewer's access) or post to it; the monitor's own pages still can.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class OriginCheckTests(MonitorServerFixture server)
{
    private const string Foreign = "http://evil.example";

    private async Task<HttpStatusCode> NegotiateAsync(string origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            server.BaseUrl + "/_blazor/negotiate?negotiateVersion=1"
        );
        request.Headers.Add("Origin", origin);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task CircuitNegotiation_FromAnotherOrigin_IsRefused_FromItsOwn_Accepted()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(Foreign));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("http://127.0.0.1.evil.example"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(server.BaseUrl));
    }

    [Fact]
    public async Task CircuitWebsocket_FromAnotherOrigin_IsRefused()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", Foreign);
        socket.Options.CollectHttpResponseDetails = true;
        var address = new Uri(server.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/_blazor?id=x");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(address, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task SignOut_PostedFromAnotherOrigin_IsRefused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/authentication/logout");
        request.Headers.Add("Origin", Foreign);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(
            "may not act on DarkSide.Monitor",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }
}
