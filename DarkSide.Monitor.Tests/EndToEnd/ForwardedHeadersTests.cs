using System.Net;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// X-Forwarded-* are believed only from ReverseProxy:KnownProxies/KnownNetworks: a client that sends them itself
/// cannot make the monitor build its sign-in redirect (or anything else) for another host or scheme. The replica
/// test shows the other half: from the configured proxy they are believed.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class ForwardedHeadersTests(IamSignInFixture iam)
{
    [Fact]
    public async Task ForwardedHeadersFromAnUnlistedClient_AreIgnored()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, iam.MonitorUrl("Wlcg") + "/jobs");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Uri.UnescapeDataString(response.Headers.Location!.ToString());
        Assert.Contains("redirect_uri=" + iam.MonitorUrl("Wlcg") + "/signin-oidc", location, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", location, StringComparison.Ordinal);
    }
}
