using System.Net;
using System.Text.Json;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;
using static DarkSide.Monitor.Tests.Infrastructure.AlertIncidentRows;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// A shifter on /alerts in Chromium: the night's incident fires with its value and the jobs that explain it, the top
/// bar counts it, a silence made there reaches Alertmanager, is audited and can be expired; a forged form and a foreign
/// origin cannot silence anything.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(AlertsServerCollection.Name)]
public sealed class AlertsBrowserTests(AlertsServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    private string Site => server.FailingSite;

    private ILocator FiringRow(IPage page, string rule) =>
        page.Locator($"[data-testid=firing-alerts] tr[data-alert*='alertname={rule},computingsite={Site},']");

    private async Task<IPage> OpenAlertsAsync(string query = "")
    {
        var page = await server.Browser.OpenAsync(server.App.BaseUrl, "/alerts" + query);
        // The app evaluates every second; the page refreshes every few.
        await Expect(FiringRow(page, "SiteFailureRate")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return page;
    }

    [Fact]
    public async Task TheIncidentFires_WithItsValue_TheBadgeCountsIt_AndItsLinkOpensExactlyTheCountedJobs()
    {
        var page = await OpenAlertsAsync();
        var row = FiringRow(page, "SiteFailureRate");
        await Expect(row).ToContainTextAsync("75 %");
        await Expect(row).ToContainTextAsync($"{FailingSiteFailed} failed and {FailingSiteFinished} finished");
        var firing = await page.Locator("[data-testid=firing-alerts] tbody tr").CountAsync();
        await Expect(page.GetByTestId("firing-alerts-badge"))
            .ToHaveAttributeAsync("data-firing", firing.ToString(), new() { Timeout = 15_000 });

        await row.GetByTestId("evidence").ClickAsync();

        await Expect(page)
            .ToHaveURLAsync(
                new System.Text.RegularExpressions.Regex($"/jobs\\?date_from=.*computingsite={Site}&jobstatus=failed")
            );
        await Expect(page.GetByTestId("job-total"))
            .ToHaveTextAsync($"{FailingSiteFailed} jobs", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task ASilenceFromAlerts_ReachesAlertmanager_IsAudited_AndCanBeExpired()
    {
        var comment = "GGUS " + Guid.NewGuid().ToString("N")[..8] + ": storage replaced tonight";
        var page = await OpenAlertsAsync($"?computingsite={Site}");
        var row = FiringRow(page, "ErrorBurst");
        await row.Locator("summary").ClickAsync();
        await row.GetByTestId("silence-comment").FillAsync(comment);
        await row.GetByTestId("silence-hours").SelectOptionAsync("2");

        await row.GetByTestId("silence-submit").ClickAsync();

        var silenceRow = page.GetByTestId("silences").Locator("tr", new() { HasText = comment });
        await Expect(silenceRow).ToContainTextAsync(AlertsServerFixture.ShifterName, new() { Timeout = 15_000 });
        await Expect(silenceRow).ToContainTextAsync($"computingsite=\"{Site}\"");
        var silence = await SilenceAsync(comment);
        Assert.Equal("active", silence.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(AlertsServerFixture.ShifterName, silence.GetProperty("createdBy").GetString());
        var hours = (
            silence.GetProperty("endsAt").GetDateTime() - silence.GetProperty("startsAt").GetDateTime()
        ).TotalHours;
        Assert.Equal(2, hours, 1);
        await Expect(FiringRow(page, "ErrorBurst").Locator("[data-col=muted]"))
            .ToContainTextAsync("silenced", new() { Timeout = 15_000 });
        var audited = await server.Database.ScalarAsync<long>(
            "SELECT count(*) FROM darkside_monitor.audit_events WHERE action = 'silence' AND user_name = @user "
                + "AND detail LIKE @comment",
            ("user", AlertsServerFixture.ShifterName),
            ("comment", "%" + comment)
        );
        Assert.Equal(1, audited);

        await silenceRow.GetByTestId("silence-expire").ClickAsync();

        await Expect(page.GetByTestId("silences").Locator("tr", new() { HasText = comment })).ToHaveCountAsync(0);
        Assert.Equal("expired", (await SilenceAsync(comment)).GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task AForgedOrForeignSilenceRequest_IsRefused_AndSilencesNothing()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var forged = await http.PostAsync($"{server.App.BaseUrl}/alerts/silences", Form("forged, no token"));
        using var foreign = new HttpRequestMessage(HttpMethod.Post, $"{server.App.BaseUrl}/alerts/silences")
        {
            Content = Form("foreign origin"),
        };
        foreign.Headers.Add("Origin", "https://evil.example");
        var fromElsewhere = await http.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains(
            "did not come from DarkSide.Monitor's own silence form",
            await forged.Content.ReadAsStringAsync()
        );
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Null(await FindSilenceAsync("forged, no token"));
        Assert.Null(await FindSilenceAsync("foreign origin"));
    }

    [Fact]
    public async Task AlertsJson_HasTheFiringAlerts_NamesABadParameter_AndCarriesNoBlindValue()
    {
        using var http = new HttpClient();
        await Poll.UntilAsync(
            "the incident in /alerts?json",
            async () =>
                (await http.GetStringAsync($"{server.App.BaseUrl}/alerts?json&computingsite={Site}")).Contains(
                    "\"SiteFailureRate\""
                )
        );
        var json = JsonSerializer.Deserialize<JsonElement>(
            await http.GetStringAsync($"{server.App.BaseUrl}/alerts/?json&state=firing")
        );
        var bad = await http.GetAsync($"{server.App.BaseUrl}/alerts?json&state=burning");
        var page = await OpenAlertsAsync();

        var alerts = json.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Contains(alerts, a => a.GetProperty("labels").GetProperty("computingsite").GetString() == Site);
        Assert.All(alerts, a => Assert.Equal("firing", a.GetProperty("state").GetString()));
        Assert.Contains(alerts, a => a.GetProperty("labels").TryGetProperty("jeditaskid", out _));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'burning' is not an alert state", await bad.Content.ReadAsStringAsync());
        Assert.DoesNotContain(BlindToken, json.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(BlindToken, await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheAlertsPage_WithAlertsAndSilenceForms_HasNoGraveAxeViolation()
    {
        var page = await OpenAlertsAsync();
        await page.Locator("[data-testid=firing-alerts] summary").First.ClickAsync();

        Assert.Empty(await AccessibilityBrowserTests.GraveViolationsAsync(page));
    }

    private FormUrlEncodedContent Form(string comment) =>
        new(
            new Dictionary<string, string>
            {
                ["computingsite"] = Site,
                ["hours"] = "1",
                ["comment"] = comment,
            }
        );

    private async Task<JsonElement?> FindSilenceAsync(string comment)
    {
        using var http = new HttpClient();
        var silences = JsonSerializer.Deserialize<JsonElement[]>(
            await http.GetStringAsync($"{server.Servers.AlertmanagerUrl}/api/v2/silences")
        )!;
        return silences
            .Where(s => s.GetProperty("comment").GetString() == comment)
            .Select(s => (JsonElement?)s)
            .FirstOrDefault();
    }

    private async Task<JsonElement> SilenceAsync(string comment) =>
        await FindSilenceAsync(comment)
        ?? throw new Xunit.Sdk.XunitException($"no silence '{comment}' in Alertmanager");
}
