using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Every window parameter of every page, export and JSON answer with the earliest and latest dates the parsers
/// accept, and with the first dates beyond them: each is served or refused with a 400 (or an in-page message) naming
/// the parameter and the accepted range; none reaches the database as a value it cannot take (0001-01-01 was sent
/// to PostgreSQL as -infinity, and /errors answered 503 and retried forever). The audit trail, for admins only, is
/// swept in <see cref="AuditBrowserTests"/>.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class WindowDateSweepTests(MonitorServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    public const string Range = "expected a UTC date from 1970-01-01 to 2999-12-31";

    /// <summary>The first and last dates accepted, as days (every parser takes them) and as instants.</summary>
    public static readonly string[] Accepted = ["1970-01-01", "2999-12-31", "1970-01-01T00:00", "2999-12-31T23:59:59"];

    /// <summary>Just outside, and the edges of .NET's own dates.</summary>
    public static readonly string[] Refused = ["1969-12-31", "3000-01-01", "0001-01-01", "9999-12-31T23:59:59"];

    private static readonly string[] Exports =
    [
        "/jobs?json",
        "/jobs/csv",
        "/errors/?json",
        "/errors/csv?table=code",
        "/errors/csv?table=site",
        "/errors/csv?table=user",
        "/errors/csv?table=task",
        "/tasks/?json",
        "/tasks/csv",
        "/usage/csv",
        "/memory/csv",
        "/sites/csv",
        "/site/CNAF-DS-1/csv",
    ];

    private static readonly string[] Pages =
    [
        "/jobs",
        "/errors",
        "/tasks",
        "/usage",
        "/memory",
        "/sites",
        "/site/CNAF-DS-1",
    ];

    private static string With(string path, string parameter, string value) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameter + "=" + value;

    [Fact]
    public async Task EveryExport_TakesTheEdgeDates_AndNamesTheParameterBeyondThem()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var failures = new List<string>();
        foreach (var path in Exports)
        {
            foreach (var parameter in new[] { "date_from", "date_to" })
            {
                foreach (var value in Accepted)
                {
                    var url = With(path, parameter, value);
                    using var response = await http.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    // A range the view cannot take (empty, too long) is refused by name; never a server error.
                    if (
                        response.StatusCode != HttpStatusCode.OK
                        && !(
                            response.StatusCode == HttpStatusCode.BadRequest
                            && body.Contains("date_", StringComparison.Ordinal)
                        )
                    )
                    {
                        failures.Add($"{url}: {(int)response.StatusCode} {body}");
                    }
                }

                foreach (var value in Refused)
                {
                    var url = With(path, parameter, value);
                    using var response = await http.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    // Views counted in whole days refuse an instant as "not a day" before its range is looked at.
                    if (
                        response.StatusCode != HttpStatusCode.BadRequest
                        || !body.Contains(parameter, StringComparison.Ordinal)
                        || (value.Length == 10 && !body.Contains(Range, StringComparison.Ordinal))
                    )
                    {
                        failures.Add($"{url}: {(int)response.StatusCode} {body}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryPage_TakesTheEdgeDates_AndNamesTheParameterBeyondThem()
    {
        var page = await server.Browser.NewPageAsync(server.BaseUrl);
        foreach (var path in Pages)
        {
            foreach (var value in new[] { Accepted[0], Accepted[3] })
            {
                await ExpectAnsweredAsync(page, With(path, "date_from", value));
            }

            await ExpectAnsweredAsync(page, With(path, "date_from", Refused[2]));
            await Expect(page.GetByTestId("query-errors")).ToContainTextAsync("date_from");
            await Expect(page.GetByTestId("query-errors")).ToContainTextAsync(Range);
        }
    }

    /// <summary>The page shows its data or names what is wrong; never a database problem or a dead circuit.</summary>
    private static async Task ExpectAnsweredAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var refusal = page.GetByTestId("query-errors");
        var data = page.Locator("[data-testid=live-updated]:not(:empty), [data-testid=audit-total]");
        try
        {
            await Expect(refusal.Or(data).First).ToBeVisibleAsync();
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(url + ": neither data nor a refusal", e);
        }

        Assert.Equal(0, await page.GetByTestId("live-problem").CountAsync());
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), url + ": the circuit failed");
    }
}
