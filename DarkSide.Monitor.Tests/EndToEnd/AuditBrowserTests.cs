using System.Text.RegularExpressions;
using DarkSide.Monitor.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>The audit trail: blind views and refusals are recorded, and only admins can read them.</summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class AuditBrowserTests(IamSignInFixture iam) : ClosesPagesAfterEachTest(() => iam.Browser)
{
    [Fact]
    public async Task BlindJobView_AndRefusals_AreRecorded_ForAdminsToRead()
    {
        var pandaId = await iam.Database.ScalarAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} ORDER BY pandaid DESC LIMIT 1"
        );
        var analyst = await iam.SignInAsync("Wlcg", "analyst", $"/job/{pandaId}");
        await Expect(analyst.GetByTestId("job-header")).ToContainTextAsync($"Job {pandaId}");
        var outsider = await iam.SignInAsync("Wlcg", "outsider", "/tasks");
        await Expect(outsider).ToHaveURLAsync(new Regex("/authentication/denied"));
        var shifter = await iam.SignInAsync("Wlcg", "shifter", "/admin/audit");
        await Expect(shifter).ToHaveURLAsync(new Regex("/authentication/denied"));
        await Expect(shifter.Locator("#denied")).ToContainTextAsync("that page is for DarkSide.Monitor admins");

        var admin = await iam.SignInAsync("Wlcg", "admin", "/admin/audit?action=blind-view&user=analyst");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync($"/job/{pandaId}");
        await admin.GotoAsync("/admin/audit?action=denied");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("outsider");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("GET /tasks");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("GET /admin/audit");
        await admin.GetByTestId("audit-table").Locator("th a.sort-link", new() { HasText = "User" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("action=denied&sortby=user-asc$"));
        await Expect(admin.GetByTestId("audit-table").Locator("th", new() { HasText = "User" }))
            .ToContainTextAsync("↑");
        var users = await admin
            .GetByTestId("audit-table")
            .Locator("tbody tr td:nth-child(2) > a")
            .AllTextContentsAsync();
        Assert.Equal(users.Order(StringComparer.Ordinal), users);
        Assert.Contains("outsider", users);
        await admin.GotoAsync("/admin/audit?action=denied");
        await PageSettling.FilterBarReadyAsync(admin);
        await admin.GetByTestId("filter-user").FillAsync("OUT*|nobody");
        await PageSettling.ApplyFilterBarAsync(admin, new Regex(@"user=OUT\*(\||%7C)nobody&action=denied$"));
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("outsider");
        await Expect(
                admin.GetByTestId("audit-table").Locator("tbody tr td:nth-child(2)", new() { HasText = "shifter" })
            )
            .ToHaveCountAsync(0);
        await admin.GotoAsync("/admin/audit?action=peek");
        await Expect(admin.GetByTestId("query-errors")).ToContainTextAsync("action 'peek' is not an audited action");
        await Expect(admin.GetByTestId("filter-action")).ToHaveValueAsync("peek");
        await Expect(admin.GetByTestId("filter-bar")).ToContainTextAsync("'peek' is not an audited action");
        // The target and detail may name blind data a viewer without blind access sees withheld: they do not sort.
        await admin.GotoAsync("/admin/audit?sortby=what");
        await Expect(admin.GetByTestId("query-errors")).ToContainTextAsync("'what' is not a sort order of this table");
        await admin.GotoAsync("/admin/audit?page=2147483647");
        await Expect(admin.GetByTestId("query-errors")).ToContainTextAsync("page '2147483647' is not valid");
    }

    [Fact]
    public async Task AuditCsv_HoldsThePagesSelection_ForAdminsOnly()
    {
        var outsider = await iam.SignInAsync("Wlcg", "outsider", "/tasks");
        await Expect(outsider).ToHaveURLAsync(new Regex("/authentication/denied"));
        var admin = await iam.SignInAsync("Wlcg", "admin", "/admin/audit?action=denied&user=outsider");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("GET /tasks");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("audit-csv").ClickAsync());
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split(
            "\r\n",
            StringSplitOptions.RemoveEmptyEntries
        );

        Assert.Equal("occurred_utc,user_name,subject,action,target,detail,remote_address", lines[0]);
        // The table read first may be the prerendered one, which the circuit replaces with a reading skeleton
        // before its own rows (seen once: 0 rows counted): wait for the table to hold what the CSV holds.
        await Expect(admin.GetByTestId("audit-table").Locator("tbody tr")).ToHaveCountAsync(lines.Length - 1);
        AssertEvery(lines.Skip(1), l => Assert.Contains(",outsider,", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",denied,GET /tasks,", StringComparison.Ordinal));
        var before = await admin.Context.APIRequest.GetAsync("/admin/audit/csv?action=denied&date_to=2020-01-01");
        Assert.Equal(
            ["occurred_utc,user_name,subject,action,target,detail,remote_address"],
            (await before.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
        );
        foreach (var parameter in new[] { "date_from", "date_to" })
        {
            foreach (var value in WindowDateSweepTests.Accepted)
            {
                var edge = await admin.Context.APIRequest.GetAsync($"/admin/audit/csv?{parameter}={value}");
                Assert.True(edge.Status is 200 or 400, $"{parameter}={value}: {edge.Status}");
                Assert.True(
                    edge.Status == 200 || (await edge.TextAsync()).Contains("date_from", StringComparison.Ordinal)
                );
            }

            foreach (var value in WindowDateSweepTests.Refused)
            {
                var beyond = await admin.Context.APIRequest.GetAsync($"/admin/audit/csv?{parameter}={value}");
                Assert.Equal(400, beyond.Status);
                Assert.Contains($"{parameter} '{value}'", await beyond.TextAsync(), StringComparison.Ordinal);
            }
        }

        await admin.GotoAsync("/admin/audit?date_from=0001-01-01");
        await Expect(admin.GetByTestId("query-errors")).ToContainTextAsync(WindowDateSweepTests.Range);
        var bad = await admin.Context.APIRequest.GetAsync("/admin/audit/csv?days=-1");
        Assert.Equal(400, bad.Status);
        Assert.Equal("days '-1' is not valid; expected a whole number from 1 to 3650.", await bad.TextAsync());

        // A signed-in member who is not an admin gets the refusal page, not the trail.
        var shifter = await iam.SignInAsync("Wlcg", "shifter", "/account");
        await Expect(shifter.GetByTestId("sign-out-form")).ToBeVisibleAsync();
        var refused = await shifter.Context.APIRequest.GetAsync("/admin/audit/csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, refused.Status);
        Assert.DoesNotContain("occurred_utc", await refused.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditTrail_WithholdsBlindValues_FromAnAdminWithoutBlindAccess_InThePageAndCsv()
    {
        var (pandaId, jobName, dataset) = (
            await iam.Database.ScalarAsync<long>(
                "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE proddblock LIKE 'blind:%' "
                    + "ORDER BY pandaid DESC LIMIT 1"
            ),
            "",
            ""
        );
        jobName = await iam.Database.ScalarAsync<string>(
            "SELECT jobname FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", pandaId)
        );
        dataset = await iam.Database.ScalarAsync<string>(
            "SELECT proddblock FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", pandaId)
        );
        var analyst = await iam.SignInAsync("Wlcg", "analyst", $"/jobs?jobname={Uri.EscapeDataString(jobName)}");
        await Expect(analyst.GetByTestId("job-subrow").First).ToContainTextAsync(jobName);
        var export = await analyst.Context.APIRequest.GetAsync(
            "/jobs/csv?days=3&proddblock=" + Uri.EscapeDataString(dataset)
        );
        Assert.Equal(200, export.Status);
        // Both views are on the trail, names and all, before the admin looks.
        await Poll.UntilAsync(
            "the audit event being recorded",
            async () =>
                await iam.Database.ScalarAsync<long>(
                    "SELECT count(*) FROM darkside_monitor.audit_events WHERE user_name = 'analyst' AND "
                        + "(target LIKE '%' || @d || '%' OR target LIKE '%jobname=%')",
                    ("d", Uri.EscapeDataString(dataset))
                ) >= 2
        );

        var admin = await iam.SignInAsync("Wlcg", "admin", "/admin/audit?user=analyst&days=1");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("proddblock=(withheld)");
        await Expect(admin.GetByTestId("audit-table")).ToContainTextAsync("jobname=(withheld)");
        await Expect(admin.GetByTestId("audit-withheld")).ToBeVisibleAsync();
        var html = await admin.ContentAsync();
        var csv = await (await admin.Context.APIRequest.GetAsync("/admin/audit/csv?days=1&user=analyst")).TextAsync();
        var scope = "openid profile wlcg.groups wlcg.groups:/darkside/admins";
        var token = await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", "admin", scope);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            iam.MonitorUrl("Wlcg") + "/admin/audit/csv?days=1&user=analyst"
        );
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var byToken = await http.SendAsync(request);
        var csvByToken = await byToken.Content.ReadAsStringAsync();

        Assert.Contains("proddblock=(withheld)", csv, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, byToken.StatusCode);
        Assert.Contains("proddblock=(withheld)", csvByToken, StringComparison.Ordinal);
        foreach (var shown in new[] { html, csv, csvByToken })
        {
            foreach (
                var secret in new[] { jobName, dataset, Uri.EscapeDataString(jobName), Uri.EscapeDataString(dataset) }
            )
            {
                Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task BlindJobList_IsRecordedOncePerViewAndSession_NotPerRefresh_AndNeverForRedactedLists()
    {
        var (pandaId, jobName) = await iam.Database.FirstBlindJobAsync();
        var view = $"/jobs?pandaid={pandaId}";
        const string rows =
            "SELECT count(*) FROM darkside_monitor.audit_events WHERE action = 'blind-list' "
            + "AND user_name = @user AND target = @view";
        var other = $"/jobs?pandaid={pandaId}&sortby=pandaid";
        var before = await iam.Database.ScalarAsync<long>(rows, ("user", "analyst"), ("view", view));
        var beforeOther = await iam.Database.ScalarAsync<long>(rows, ("user", "analyst"), ("view", other));
        var beforeShifter = await iam.Database.ScalarAsync<long>(rows, ("user", "shifter"), ("view", view));

        var analyst = await iam.SignInAsync("Wlcg", "analyst", view);
        await Expect(analyst.GetByTestId("job-subrow")).ToContainTextAsync(jobName);
        var updated = await analyst.GetByTestId("live-updated").InnerTextAsync();
        // A live refresh of the same view, another view (named with its parameters in order), the first one again.
        await Expect(analyst.GetByTestId("live-updated")).Not.ToHaveTextAsync(updated);
        await analyst.GotoAsync($"/jobs?sortby=pandaid&pandaid={pandaId}");
        await Expect(analyst.GetByTestId("job-subrow")).ToContainTextAsync(jobName);
        await analyst.GotoAsync(view);
        await Expect(analyst.GetByTestId("job-subrow")).ToContainTextAsync(jobName);
        var shifter = await iam.SignInAsync("Wlcg", "shifter", view);
        await Expect(shifter.GetByTestId("job-subrow"))
            .ToHaveTextAsync(new Regex("Attempt \\d+ Job name and datasets: blinded$"));

        Assert.Equal(before + 1, await iam.Database.ScalarAsync<long>(rows, ("user", "analyst"), ("view", view)));
        Assert.Equal(beforeOther + 1, await iam.Database.ScalarAsync<long>(rows, ("user", "analyst"), ("view", other)));
        Assert.Equal(beforeShifter, await iam.Database.ScalarAsync<long>(rows, ("user", "shifter"), ("view", view)));
    }
}
