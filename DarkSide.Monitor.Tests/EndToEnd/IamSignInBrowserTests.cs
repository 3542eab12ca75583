using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Each demo user through the real code flow against the development IAM, under the WLCG and IAM profiles.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class IamSignInBrowserTests(IamSignInFixture iam) : ClosesPagesAfterEachTest(() => iam.Browser)
{
    [Theory]
    [InlineData("Wlcg")]
    [InlineData("Iam")]
    public async Task Analyst_SignsIn_LandsOnTheJobs_AndSeesBlindData(string profile)
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();

        var page = await iam.SignInAsync(profile, "analyst", $"/jobs?pandaid={pandaId}");

        await Expect(page).ToHaveURLAsync(new Regex($"/jobs\\?pandaid={pandaId}$"));
        await Expect(page.GetByTestId("job-subrow")).ToContainTextAsync(jobName);
        await page.GotoAsync("/account");
        await Expect(page.GetByTestId("account-profile")).ToHaveTextAsync(profile);
        await Expect(page.Locator("[data-access=blind]")).ToHaveTextAsync("blind access");
        await Expect(page.GetByTestId("account-normalised")).ToContainTextAsync("/darkside/blind");
        // A member without the shifter group may not silence alerts, from a form or otherwise.
        await Expect(page.Locator("[data-access=shifter]")).ToHaveTextAsync("does not silence alerts");
        var silence = await page.Context.APIRequest.PostAsync(
            iam.MonitorUrl(profile) + "/alerts/silences",
            new()
            {
                Form = page.Context.APIRequest.CreateFormData().Append("computingsite", "CNAF-DS-1"),
                MaxRedirects = 0,
            }
        );
        Assert.True(silence.Status is 302 or 403, $"silence by a member who is no shifter: {silence.Status}");
        Assert.True(silence.Status == 403 || silence.Headers["location"].Contains("/authentication/denied"));
    }

    [Theory]
    [InlineData("Wlcg")]
    [InlineData("Iam")]
    public async Task Shifter_SeesBlindJobsOnlyAsBlinded(string profile)
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();

        var page = await iam.SignInAsync(profile, "shifter", $"/jobs?pandaid={pandaId}");

        await Expect(page.GetByTestId("job-subrow"))
            .ToHaveTextAsync(new Regex("Attempt \\d+ Job name and datasets: blinded$"));
        Assert.DoesNotContain(jobName, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/account");
        await Expect(page.Locator("[data-access=member]")).ToHaveTextAsync("member");
        await Expect(page.Locator("[data-access=blind]")).ToHaveTextAsync("no blind access");
        await Expect(page.GetByTestId("account-reasons"))
            .ToContainTextAsync("no blind access: the token states none of /darkside/blind");
        await Expect(page.Locator("[data-access=shifter]")).ToHaveTextAsync("silences alerts");
        await Expect(page.GetByTestId("account-reasons"))
            .ToContainTextAsync("shifter: the token states /darkside/shifters (Iam:ShifterGroups)");
    }

    [Theory]
    [InlineData("%2F%09%2Fevil.example%2Fx")]
    [InlineData("%2F%5Cevil.example%2Fx")]
    [InlineData("%2F%2Fevil.example%2Fx")]
    [InlineData("https%3A%2F%2Fevil.example%2Fx")]
    public async Task SignIn_WithACraftedReturnUrl_LandsOnTheMonitor(string returnUrl)
    {
        var page = await iam.SignInAsync("Wlcg", "shifter", "/authentication/login?returnUrl=" + returnUrl);

        await Expect(page.GetByTestId("site-states")).ToBeVisibleAsync();
        Assert.StartsWith(iam.MonitorUrl("Wlcg") + "/", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\\evil.example/x")]
    [InlineData("/\t/evil.example/x")]
    [InlineData("//evil.example/x")]
    public async Task DevelopmentIamLogin_WithACraftedReturnUrl_StaysOnIam(string returnUrl)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["username"] = "shifter",
                ["password"] = "shifter",
                ["returnUrl"] = returnUrl,
            }
        );

        var response = await http.PostAsync(iam.IamUrl + "/login", form);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Admin_IsAnAdmin_ButNotBlind()
    {
        var page = await iam.SignInAsync("Wlcg", "admin", "/account");

        await Expect(page.Locator("[data-access=admin]")).ToHaveTextAsync("admin");
        await Expect(page.Locator("[data-access=blind]")).ToHaveTextAsync("no blind access");
        await Expect(page.GetByTestId("account-stated")).ToContainTextAsync("wlcg.ver");
    }

    [Theory]
    [InlineData("Wlcg")]
    [InlineData("Iam")]
    public async Task Outsider_IsTurnedAway_WithTheReason(string profile)
    {
        var page = await iam.SignInAsync(profile, "outsider", "/jobs");

        await Expect(page).ToHaveURLAsync(new Regex("/authentication/denied"));
        await Expect(page.Locator("#denied")).ToContainTextAsync("not a member");
        await Expect(page.Locator("body")).ToContainTextAsync("no member: the token states none of /darkside");
        var response = await page.GotoAsync("/jobs/csv");
        Assert.NotEqual(200, response!.Status);
        var silence = await page.Context.APIRequest.PostAsync(
            iam.MonitorUrl(profile) + "/alerts/silences",
            new() { Form = page.Context.APIRequest.CreateFormData().Append("computingsite", "x"), MaxRedirects = 0 }
        );
        Assert.True(silence.Status is 302 or 403, $"silence by an outsider: {silence.Status}");
    }

    [Fact]
    public async Task RemovedFromTheBlindGroup_AnOpenPageLosesBlindDataWithoutReloading()
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();
        var page = await iam.SignInAsync("Wlcg", "analyst", $"/jobs?pandaid={pandaId}");
        await Expect(page.GetByTestId("job-subrow")).ToContainTextAsync(jobName);
        try
        {
            await iam.SetGroupsAsync("analyst", "darkside");

            // The page re-checks with IAM every 5 s here (Iam:RevalidationSeconds); no reload happens in between.
            await Expect(page.GetByTestId("access-changed")).ToBeVisibleAsync();
            Assert.DoesNotContain(jobName, await page.ContentAsync(), StringComparison.Ordinal);
            await page.GetByTestId("sign-in-again").ClickAsync();
            await page.GotoAsync($"/jobs?pandaid={pandaId}");
            await Expect(page.GetByTestId("job-subrow"))
                .ToHaveTextAsync(new Regex("Attempt \\d+ Job name and datasets: blinded$"));
        }
        finally
        {
            await iam.SetGroupsAsync("analyst", "darkside", "darkside/blind");
        }
    }

    [Fact]
    public async Task CookieRefresh_TakesTheGroupsIamStatesNow_OnTheNextPageLoad()
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();
        var page = await iam.SignInAsync("Iam", "analyst", $"/jobs?pandaid={pandaId}");
        await Expect(page.GetByTestId("job-subrow")).ToContainTextAsync(jobName);
        try
        {
            await iam.SetGroupsAsync("analyst", "darkside");

            // A new page load: the cookie's access token is near expiry (this monitor's live 2 minutes), so the
            // refresher redeems the refresh token and the new ID token no longer states the blind group.
            await page.GotoAsync($"/jobs?pandaid={pandaId}");

            await Expect(page.GetByTestId("job-subrow"))
                .ToHaveTextAsync(new Regex("Attempt \\d+ Job name and datasets: blinded$"));
            await page.GotoAsync("/account");
            await Expect(page.Locator("[data-access=blind]")).ToHaveTextAsync("no blind access");
        }
        finally
        {
            await iam.SetGroupsAsync("analyst", "darkside", "darkside/blind");
        }
    }

    [Fact]
    public async Task SignedOutVisitor_IsSentToIam_AndHealthNeedsNoLogin()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var jobs = await http.GetAsync(iam.MonitorUrl("Wlcg") + "/jobs");
        var health = await http.GetAsync(iam.MonitorUrl("Wlcg") + "/healthz");
        var silence = await http.PostAsync(
            iam.MonitorUrl("Wlcg") + "/alerts/silences",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["computingsite"] = "x", ["comment"] = "x y z" })
        );

        Assert.Equal(System.Net.HttpStatusCode.Redirect, jobs.StatusCode);
        Assert.StartsWith(iam.IamUrl + "/authorize?", jobs.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", jobs.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        // Silencing alerts: nothing for an anonymous caller but the way to sign in.
        Assert.Equal(System.Net.HttpStatusCode.Redirect, silence.StatusCode);
        Assert.StartsWith(iam.IamUrl + "/authorize?", silence.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
