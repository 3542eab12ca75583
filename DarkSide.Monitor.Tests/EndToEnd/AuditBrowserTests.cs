using System.Text.RegularExpressions;
using DarkSide.Monitor.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>The audit trail: blind views and refusals are recorded, and only admins can read them.</summary>
[Collection(IamSignInCollection.Name)]
public sealed class AuditBrowserTests(IamSignInFixture iam) : ClosesPagesAfterEachTest(() => iam.Browser)
{
    [Fact]
    public async Task BlindJobView_AndRefusals_AreRecorded_ForAdminsToRead()
    {
        var pandaId = await iam.Database.ScalarAsync<long>($"SELECT pandaid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} ORDER BY pandaid DESC LIMIT 1");
        var analyst = await iam.SignInAsync("Wlcg", "analyst", $"/job/{pandaId}");
        await Expect(analyst.GetByTestId("job-header")).ToContainTextAsync($"Job {pandaId}");
        var outsider = await iam.SignInAsync("Wlcg", "outsider", "/tasks");
        await outsider.WaitForURLAsync(new Regex("/authentication/denied"));
        var shifter = await iam.SignInAsync("Wlcg", "shifter", "/admin/audit");
        await shifter.WaitForURLAsync(new Regex("/authentication/denied"));
        await Expect(shifter.Locator("#denied")).ToContainTextAsync("that page is for DarkSide.Monitor admins");

        var admin = await iam.SignInAsync("Wlcg", "admin", "/admin/audit?action=blind-view&user=analyst");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync($"/job/{pandaId}");
        await admin.GotoAsync("/admin/audit?action=denied");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("outsider");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("GET /tasks");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("GET /admin/audit");
        await admin.GotoAsync("/admin/audit?action=peek");
        await Expect(admin.GetByTestId("query-errors")).ToContainTextAsync("action 'peek' is not an audited action");
    }
}
