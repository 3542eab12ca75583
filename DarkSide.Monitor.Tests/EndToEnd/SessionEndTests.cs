using System.Net;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Identity;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Signing out, or leaving the member group, ends the session for every copy of the cookie; signing out revokes the
/// refresh token at IAM; a sign-out that did not come from the monitor's own form (no antiforgery token) changes
/// nothing.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class SessionEndTests(IamSignInFixture iam) : ClosesPagesAfterEachTest(() => iam.Browser)
{
    private async Task<string> SignedInCookieAsync(Microsoft.Playwright.IPage page) =>
        string.Join(
            "; ",
            (await page.Context.CookiesAsync([iam.MonitorUrl("Wlcg")])).Select(c => $"{c.Name}={c.Value}")
        );

    private async Task<HttpResponseMessage> SendWithCookieAsync(HttpMethod method, string path, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(method, iam.MonitorUrl("Wlcg") + path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", iam.MonitorUrl("Wlcg"));
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionForEveryCopy_RevokesAtIam_AndIsAudited()
    {
        var page = await iam.SignInAsync("Wlcg", "shifter", "/account");
        await Expect(page.GetByTestId("sign-out-form")).ToBeVisibleAsync();
        // An attacker's copy of the cookie, taken while the session was open.
        var saved = await SignedInCookieAsync(page);
        Assert.Equal(
            HttpStatusCode.OK,
            (await SendWithCookieAsync(HttpMethod.Get, "/jobs?json&hours=1", saved)).StatusCode
        );

        await page.GetByTestId("sign-out-form").Locator("button").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/authentication/signed-out$"));
        await Expect(page.Locator("body")).ToContainTextAsync("You are signed out of DarkSide.Monitor.");
        // Signing out ends the session on the server: the copy opens nothing any more.
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await SendWithCookieAsync(HttpMethod.Get, "/jobs?json&hours=1", saved)).StatusCode
        );
        var audit = await iam.Database.ColumnAsync<string>(
            "SELECT detail FROM darkside_monitor.audit_events WHERE action = 'sign-out' AND user_name = 'shifter' "
                + "ORDER BY id DESC LIMIT 1"
        );
        Assert.Equal("session ended; refresh token revoked at IAM", Assert.Single(audit));
    }

    [Fact]
    public async Task SignOut_InAnotherTab_EndsAnOpenBlindJobList_WithoutWaitingForIam()
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();
        var list = await iam.SignInAsync("Iam", "analyst", $"/jobs?pandaid={pandaId}");
        await Expect(list.GetByTestId("job-subrow").First).ToContainTextAsync(jobName);
        // The frames of the page's circuit, from a reload on: none may carry the job's name once it has ended.
        var ended = 0;
        var leaked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        list.WebSocket += (_, socket) =>
            socket.FrameReceived += (_, frame) =>
            {
                var text = frame.Text ?? System.Text.Encoding.UTF8.GetString(frame.Binary ?? []);
                if (Volatile.Read(ref ended) == 1 && text.Contains(jobName, StringComparison.Ordinal))
                {
                    leaked.Enqueue(text);
                }
            };
        await list.ReloadAsync();
        await Expect(list.GetByTestId("job-subrow").First).ToContainTextAsync(jobName);
        var updated = await list.GetByTestId("live-updated").InnerTextAsync();
        await Expect(list.GetByTestId("live-updated")).Not.ToHaveTextAsync(updated);

        // Another tab of the same browser: the same session cookie.
        var account = await iam.Browser.NewPageAsync(iam.MonitorUrl("Iam"));
        await account.Context.AddCookiesAsync(
            (await list.Context.CookiesAsync()).Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Domain = c.Domain,
                Path = c.Path,
                HttpOnly = c.HttpOnly,
                Secure = c.Secure,
                SameSite = c.SameSite,
            })
        );
        await account.GotoAsync("/account");
        await account.GetByTestId("sign-out-form").Locator("button").ClickAsync();
        await Expect(account).ToHaveURLAsync(new Regex("/authentication/signed-out$"));

        // This monitor re-checks with IAM hourly: only the session watch can end the page this soon.
        await Expect(list.GetByTestId("access-changed")).ToBeVisibleAsync();
        Volatile.Write(ref ended, 1);
        Assert.DoesNotContain(jobName, await list.ContentAsync(), StringComparison.Ordinal);
        // A live refresh of the same view from another viewer's tab proves the shared loop went on without it.
        var other = await iam.SignInAsync("Iam", "shifter", $"/jobs?pandaid={pandaId}");
        var otherUpdated = await other.GetByTestId("live-updated").InnerTextAsync();
        await Expect(other.GetByTestId("live-updated")).Not.ToHaveTextAsync(otherUpdated);
        Assert.Empty(leaked);
    }

    [Fact]
    public async Task RemovedFromTheMemberGroup_EveryCopyOfTheCookieStopsWorking()
    {
        var page = await iam.SignInAsync("Wlcg", "admin", "/jobs?hours=1");
        await Expect(page.GetByTestId("job-total")).ToBeVisibleAsync();
        var saved = await SignedInCookieAsync(page);
        try
        {
            await iam.SetGroupsAsync("admin", "cta");

            // The open page re-checks with IAM (every 5 s here), finds no membership and ends the session.
            await Expect(page.GetByTestId("access-changed")).ToBeVisibleAsync();
            Assert.Equal(
                HttpStatusCode.Unauthorized,
                (await SendWithCookieAsync(HttpMethod.Get, "/jobs?json&hours=1", saved)).StatusCode
            );
        }
        finally
        {
            await iam.SetGroupsAsync("admin", "darkside", "darkside/admins");
        }
    }

    [Fact]
    public async Task SignOut_WithoutTheFormsAntiforgeryToken_ChangesNothing()
    {
        var page = await iam.SignInAsync("Wlcg", "shifter", "/account");
        await Expect(page.GetByTestId("sign-out-form")).ToBeVisibleAsync();
        var cookie = await SignedInCookieAsync(page);

        // A same-origin POST (as injected markup or a lax proxy would send) without the form's token.
        var response = await SendWithCookieAsync(HttpMethod.Post, "/authentication/logout", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(
            HttpStatusCode.OK,
            (await SendWithCookieAsync(HttpMethod.Get, "/jobs?json&hours=1", cookie)).StatusCode
        );
    }

    [Fact]
    public async Task RevokedRefreshToken_NoLongerRenewsAtIam()
    {
        var tokens = await IamTokens.TokenResponseAsync(
            iam.IamUrl,
            "api-wlcg",
            "analyst",
            "openid profile offline_access"
        );
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(
            iam.IamUrl + "/.well-known/openid-configuration",
            new HttpDocumentRetriever { RequireHttps = false },
            CancellationToken.None
        );
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(http, configuration, tokens["refresh_token"])).StatusCode);

        var revoked = await IamTokenRevoker.RevokeAsync(
            http,
            configuration,
            "api-wlcg",
            "dev-secret",
            tokens["refresh_token"],
            CancellationToken.None
        );

        Assert.Equal(IamRevocation.Revoked, revoked);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await RefreshAsync(http, configuration, tokens["refresh_token"])).StatusCode
        );
    }

    private static Task<HttpResponseMessage> RefreshAsync(
        HttpClient http,
        OpenIdConnectConfiguration configuration,
        string refreshToken
    ) =>
        http.PostAsync(
            configuration.TokenEndpoint,
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                    ["client_id"] = "api-wlcg",
                    ["client_secret"] = "dev-secret",
                }
            )
        );
}
