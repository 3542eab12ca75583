using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>What an open job list costs on the websocket while nothing changes; the clocks that tick anyway.</summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed partial class LiveWireBrowserTests(MonitorServerFixture server)
    : ClosesPagesAfterEachTest(() => server.Browser)
{
    private const int IdleRefreshBudgetBytes = 10 * 1024;

    [Fact]
    public async Task IdleRefresh_SendsAtMost10KB()
    {
        var page = await server.Browser.NewPageAsync(server.BaseUrl);
        var received = 0L;
        page.WebSocket += (_, socket) =>
            socket.FrameReceived += (_, frame) =>
                Interlocked.Add(ref received, frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        await page.GotoAsync("/jobs");
        await Expect(page.Locator("[data-testid=job-table] tbody tr.job-row")).ToHaveCountAsync(100);
        await Expect(page.GetByTestId("attribute-summary")).ToBeVisibleAsync();
        var updated = page.GetByTestId("live-updated");
        await Expect(updated).ToHaveTextAsync(UpdatedText());

        // Nothing changes in this database: each refresh (every second here) re-reads the same jobs.
        const int refreshes = 5;
        await NextUpdateAsync(updated);
        var before = Interlocked.Read(ref received);
        for (var i = 0; i < refreshes; i++)
        {
            await NextUpdateAsync(updated);
        }

        var perRefresh = (Interlocked.Read(ref received) - before) / refreshes;
        Assert.InRange(perRefresh, 1, IdleRefreshBudgetBytes);
    }

    [Fact]
    public async Task RefreshChoice_IsKeptForTheViewer_OnEveryPage_AndAfterAReload()
    {
        var page = await server.OpenAsync("/jobs?display_limit=20");
        await Expect(page.GetByTestId("live-updated")).ToHaveTextAsync(UpdatedText());
        await PageSettling.FilterBarReadyAsync(page);

        await page.GetByTestId("live-refresh").SelectOptionAsync("60");
        await Poll.UntilAsync(
            "the choice being remembered",
            async () => (await page.Context.CookiesAsync()).Any(c => c is { Name: "dsm-refresh", Value: "60" })
        );
        await page.GotoAsync("/errors");

        await Expect(page.GetByTestId("live-refresh")).ToHaveValueAsync("60");
        await page.GetByTestId("live-refresh").SelectOptionAsync("off");
        await Poll.UntilAsync(
            "the pause being remembered",
            async () => (await page.Context.CookiesAsync()).Any(c => c is { Name: "dsm-refresh", Value: "off" })
        );
        await page.ReloadAsync();
        await Expect(page.GetByTestId("live-refresh")).ToHaveValueAsync("off");
    }

    [Fact]
    public async Task RunningJobsDuration_TicksInTheBrowser_FromWhenItStarted()
    {
        var (pandaId, started) = await server.Database.ScalarAsync<string>(
            "SELECT pandaid || '|' || to_char(starttime, 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM doma_panda.jobsactive4 "
                + "WHERE jobstatus = 'running' AND starttime IS NOT NULL AND endtime IS NULL ORDER BY pandaid LIMIT 1"
        )
            is var row
            ? (row.Split('|')[0], DateTime.Parse(row.Split('|')[1], CultureInfo.InvariantCulture))
            : default;
        var page = await server.OpenAsync($"/jobs?pandaid={pandaId}");
        var duration = page.Locator("[data-testid=job-table] tbody tr.job-row td.col-duration");
        await Expect(duration).ToHaveTextAsync(Dhms());

        var first = await duration.TextContentAsync();
        await Expect(duration).Not.ToHaveTextAsync(first!);

        var shown = Seconds((await duration.TextContentAsync())!);
        var expected = (DateTime.UtcNow - DateTime.SpecifyKind(started, DateTimeKind.Utc)).TotalSeconds;
        Assert.InRange(shown, expected - 5, expected + 5);
    }

    [Fact]
    public async Task UtcClock_TicksWithoutTheServer()
    {
        var page = await server.OpenAsync("/jobs?display_limit=20");
        var clock = page.GetByTestId("utc-clock");
        await Expect(clock).ToHaveTextAsync(UtcClockText());
        var first = await clock.TextContentAsync();

        await Expect(clock).Not.ToHaveTextAsync(first!);
        var shown = DateTime.ParseExact(
            (await clock.TextContentAsync())![..19],
            "yyyy-MM-dd HH:mm:ss",
            CultureInfo.InvariantCulture
        );
        Assert.InRange((DateTime.UtcNow - shown).TotalSeconds, -5, 5);
    }

    private static async Task NextUpdateAsync(ILocator updated) =>
        await Expect(updated).Not.ToHaveTextAsync((await updated.TextContentAsync())!);

    private static double Seconds(string dhms)
    {
        var parts = dhms.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return ((parts[0] * 24.0 + parts[1]) * 60 + parts[2]) * 60 + parts[3];
    }

    [GeneratedRegex(@"^\d+:\d+:\d\d:\d\d$")]
    private static partial Regex Dhms();

    [GeneratedRegex(@"^updated \d\d:\d\d:\d\d UTC$")]
    private static partial Regex UpdatedText();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$")]
    private static partial Regex UtcClockText();
}
