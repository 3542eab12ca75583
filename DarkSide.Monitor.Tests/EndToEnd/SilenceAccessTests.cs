using System.Net;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Who may silence alerts, through a real OIDC sign-in: the shifter's IAM group grants it (the account page says
/// so), a plain member's does not, and an anonymous caller or an outsider is turned away before anything is read.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class SilenceAccessTests(IamSignInFixture iam) : ClosesPagesAfterEachTest(() => iam.Browser)
{
    private static FormUrlEncodedContent Form() =>
        new(
            new Dictionary<string, string>
            {
                ["computingsite"] = "CNAF-DS-1",
                ["hours"] = "1",
                ["comment"] = "x y z",
            }
        );

    [Fact]
    public async Task TheShiftersGroup_GrantsSilencing_AMembersDoesNot()
    {
        var shifter = await iam.SignInAsync("Wlcg", "shifter", "/account");
        await Expect(shifter.Locator("[data-access=shifter]")).ToHaveTextAsync("silences alerts");
        await Expect(shifter.GetByTestId("account-reasons"))
            .ToContainTextAsync("shifter: the token states /darkside/shifters");
        var analyst = await iam.SignInAsync("Wlcg", "analyst", "/account");
        await Expect(analyst.Locator("[data-access=shifter]")).ToHaveTextAsync("does not silence alerts");

        var refused = await analyst.Context.APIRequest.PostAsync(
            iam.MonitorUrl("Wlcg") + "/alerts/silences",
            new()
            {
                Form = analyst.Context.APIRequest.CreateFormData().Append("computingsite", "CNAF-DS-1"),
                MaxRedirects = 0,
            }
        );

        Assert.NotEqual(200, refused.Status);
        Assert.True(refused.Status is 302 or 403, $"{refused.Status}");
        if (refused.Status == 302)
        {
            Assert.Matches(new Regex("/authentication/denied"), refused.Headers["location"]);
        }
    }

    [Fact]
    public async Task AnAnonymousCaller_IsSentToSignIn_AndAnOutsiderIsRefused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var anonymous = await http.PostAsync(iam.MonitorUrl("Wlcg") + "/alerts/silences", Form());
        var outsider = await iam.SignInAsync("Wlcg", "outsider", "/alerts");
        await outsider.WaitForURLAsync(new Regex("/authentication/denied"), PageSettling.Reached);
        var posted = await outsider.Context.APIRequest.PostAsync(
            iam.MonitorUrl("Wlcg") + "/alerts/silences",
            new() { Form = outsider.Context.APIRequest.CreateFormData().Append("computingsite", "x"), MaxRedirects = 0 }
        );

        Assert.True(
            anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized,
            $"anonymous: {anonymous.StatusCode}"
        );
        Assert.DoesNotContain("/alerts", anonymous.Headers.Location?.AbsolutePath ?? "");
        Assert.True(posted.Status is 302 or 403, $"outsider: {posted.Status}");
        Assert.DoesNotContain("silence", await posted.TextAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
