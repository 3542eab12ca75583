using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The JSON API with IAM access tokens: each profile's valid tokens work, every kind of bad token gets 401.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class ApiTokenTests(IamSignInFixture iam) : ClosesPagesAfterEachTest(() => iam.Browser)
{
    private const string WlcgScope = "openid profile wlcg.groups wlcg.groups:/darkside/blind";

    private async Task<HttpResponseMessage> GetJsonAsync(string profile, string path, string token)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, iam.MonitorUrl(profile) + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private async Task<string?> JobNameAsync(string profile, long pandaId, string token)
    {
        var response = await GetJsonAsync(profile, $"/jobs?pandaid={pandaId}&json", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var job = Assert.Single(json.RootElement.GetProperty("jobs").EnumerateArray());
        return job.GetProperty("jobname").GetString();
    }

    [Fact]
    public async Task WlcgTokens_CarryTheirGroups_AndTheSameBlindRulesApply()
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();

        var analyst = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "analyst", WlcgScope);
        var shifter = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "shifter", WlcgScope);

        Assert.Equal(jobName, await JobNameAsync("Wlcg", pandaId, analyst));
        Assert.Null(await JobNameAsync("Wlcg", pandaId, shifter));
    }

    [Fact]
    public async Task IamProfileTokens_GetTheirGroupsFromUserinfo()
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();

        var analyst = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-iam", "analyst", "openid profile");

        Assert.Equal(jobName, await JobNameAsync("Iam", pandaId, analyst));
        Assert.Equal(jobName, await JobNameAsync("Iam", pandaId, analyst));
    }

    [Fact]
    public async Task IdToken_IsRefused_EvenWithTheMonitorsOwnAudience()
    {
        var analyst = await IamTokens.IdTokenAsync(iam.IamUrl, "monitor-wlcg", "analyst", "openid profile wlcg.groups");

        var response = await GetJsonAsync("Wlcg", "/jobs?json&hours=1", analyst);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Outsider_Gets403()
    {
        var outsider = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "outsider", WlcgScope);

        Assert.Equal(HttpStatusCode.Forbidden, (await GetJsonAsync("Wlcg", "/jobs?json&hours=1", outsider)).StatusCode);
    }

    [Fact]
    public async Task BadTokens_Get401()
    {
        var valid = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "analyst", WlcgScope);
        var wrongAudience = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-elsewhere", "analyst", WlcgScope);
        var wrongIssuer = await IamTokens.AccessTokenAsync(iam.OtherIamUrl, "api-wlcg", "analyst", WlcgScope);
        var shortLived = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-short", "analyst", WlcgScope);
        Assert.Equal(HttpStatusCode.OK, (await GetJsonAsync("Wlcg", "/jobs?json&hours=1", valid)).StatusCode);
        // Until the short-lived token is past its expiry (the monitor allows no clock skew here).
        var expires = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(shortLived).ValidTo;
        while (DateTime.UtcNow <= expires.AddMilliseconds(500))
        {
            await Task.Delay(100);
        }

        // Each kind of bad token, and why the audit trail says it was refused.
        var bad = new (string Kind, string Token, string Why)[]
        {
            ("forged", IamTokens.Forged(valid, "sub", "someone-else"), "bad signature; it claims sub=someone-else,"),
            ("alg none", IamTokens.Unsigned(valid), "bad signature; it claims sub="),
            ("wrong audience", wrongAudience, "not for this monitor's audience; it claims sub="),
            ("wrong issuer", wrongIssuer, "not issued by Iam:Authority; it claims sub="),
            ("expired", shortLived, "expired; it claims sub="),
            ("not a JWT", "abc", "not a JWT"),
        };

        const string refused =
            "SELECT detail FROM darkside_monitor.audit_events WHERE action = 'denied' "
            + "AND user_name = '(refused token)' AND target = 'GET /jobs/json' AND id > @after ORDER BY id";
        var after = await iam.Database.ScalarAsync<long>(
            "SELECT coalesce(max(id), 0) FROM darkside_monitor.audit_events"
        );
        foreach (var (kind, token, _) in bad)
        {
            var response = await GetJsonAsync("Wlcg", "/jobs?json&hours=1", token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {response.StatusCode}");
        }

        // Every refusal is in the audit trail, as the README promises, saying why and whom the token claims to be.
        var details = await iam.Database.ColumnAsync<string>(refused, ("after", after));
        Assert.Equal(bad.Length, details.Count);
        foreach (var ((kind, _, why), detail) in bad.Zip(details))
        {
            Assert.True(
                detail.StartsWith("401: the bearer token was refused: " + why, StringComparison.Ordinal),
                $"{kind}: {detail}"
            );
        }
    }

    /// <summary>Every CSV export as a script and an attacker meet it: no token, a forged one, an outsider's, a
    /// member's, and a member's sent from another origin's page (which the browser must not let read the answer).
    /// </summary>
    [Theory]
    [InlineData("/jobs/csv?hours=1")]
    [InlineData("/errors/csv?table=code")]
    [InlineData("/errors/csv?table=task")]
    [InlineData("/tasks/csv")]
    [InlineData("/overview/csv?table=sites")]
    [InlineData("/overview/csv?table=stalled")]
    [InlineData("/usage/csv?table=daily")]
    [InlineData("/sites/csv")]
    public async Task CsvExport_WithoutAGoodToken_IsRefused_AndNoOtherOriginMayReadIt(string path)
    {
        var valid = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "analyst", WlcgScope);
        var outsider = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "outsider", WlcgScope);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var anonymous = await http.GetAsync(iam.MonitorUrl("Wlcg") + path);
        var forged = await GetJsonAsync("Wlcg", path, IamTokens.Forged(valid, "sub", "someone-else"));
        var foreign = await GetJsonAsync("Wlcg", path, outsider);
        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Get, iam.MonitorUrl("Wlcg") + path);
        fromElsewhere.Headers.Authorization = new AuthenticationHeaderValue("Bearer", valid);
        fromElsewhere.Headers.Add("Origin", "http://evil.example");
        var member = await http.SendAsync(fromElsewhere);

        // A script without a token gets 401 and a Bearer challenge, not a redirect to a sign-in page.
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.StartsWith("text/csv", member.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.False(member.Headers.Contains("Access-Control-Allow-Origin"), "no CORS grant for another origin");
        Assert.False(member.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task BlindExport_IsAuditedWithItsSelection_TheUsersName_AndTheTokensSubject()
    {
        var (pandaId, _) = await iam.Database.FirstBlindJobAsync();
        var analyst = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "analyst", WlcgScope);

        Assert.Equal(
            HttpStatusCode.OK,
            (await GetJsonAsync("Wlcg", $"/jobs?pandaid={pandaId}&json", analyst)).StatusCode
        );

        var rows = await iam.Database.ColumnAsync<string>(
            "SELECT target || '|' || coalesce(subject, '') || '|' || user_name FROM darkside_monitor.audit_events "
                + "WHERE action = 'blind-view' ORDER BY id DESC LIMIT 1"
        );
        var (target, subject, user) = rows[0].Split('|') is [var t, var s, var u] ? (t, s, u) : default;
        Assert.Equal($"/jobs/json?pandaid={pandaId}&json", target);
        Assert.NotEmpty(subject);
        // The access token carries only the subject; the name is the one IAM's userinfo gives.
        Assert.Equal("analyst", user);
    }
}
