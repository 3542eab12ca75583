using Bunit;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;
using ErrorsPage = DarkSide.Monitor.Features.Errors.Errors;

namespace DarkSide.Monitor.Tests.Components;

/// <summary>
/// The error view's rendering over a fake reader: its window, its groups and the links behind numbers.
/// </summary>
[Trait("Kind", "Component")]
public sealed class ErrorsPageTests : IAsyncDisposable
{
    private readonly FakeErrorSummaryReader _errors = new();
    private MonitorTestContext? _context;

    private IRenderedComponent<ErrorsPage> RenderAt(string url)
    {
        _context = new MonitorTestContext(SeededPandaFixture.NotBlind);
        _context.AddJobPages(new FakeJobListReader(), _errors);
        return _context.RenderAt<ErrorsPage>(url);
    }

    private static ErrorSummary Summary(params ErrorGroup[] sites) =>
        new(
            [new JobErrorCount("pilot", "piloterrorcode", 1099, 7, "Stage-in failed", null, 4_000_010)],
            sites,
            [],
            [],
            new ErrorHistogram(TimeSpan.FromHours(1), [], [])
        );

    [Fact]
    public void WithoutAWindow_TheViewReadsTheLast24Hours_AndSaysSo()
    {
        _errors.Summary = Summary();

        var page = RenderAt("/errors");

        page.WaitForAssertion(() => Assert.NotEmpty(_errors.Asked));
        Assert.Equal(FakeRows.Now.AddHours(-24), _errors.Asked.First().Window.FromUtc);
        // Until the summary arrives the window ends "now"; the exact end comes with the counted rows.
        page.WaitForAssertion(() =>
            Assert.Equal(
                "Failed and holding jobs modified 2026-06-14 12:00 → 2026-06-15 12:00 UTC (1 d)",
                page.Find("[data-testid=errors-window]").TextContent
            )
        );
    }

    [Fact]
    public void EachSitesNumbers_OpenItsJobsInTheSameWindow_AndItsNameNarrowsTheView()
    {
        _errors.Summary = Summary(new ErrorGroup("CNAF-DS-1", 3, 10, 1, 14), new ErrorGroup(null, 1, 0, 0, 1));

        var page = RenderAt("/errors?days=2");

        page.WaitForAssertion(() =>
            Assert.Equal(2, page.FindAll("[data-testid=errors-by-computingsite] tr[data-group]").Count)
        );
        var cnaf = page.Find("[data-testid=errors-by-computingsite] tr[data-group='CNAF-DS-1']");
        Assert.Equal("3", cnaf.QuerySelector("[data-count=failed]")!.TextContent.Trim());
        Assert.Equal(
            "/jobs?days=2&computingsite=CNAF-DS-1&jobstatus=failed",
            cnaf.QuerySelector("[data-count=failed]")!.GetAttribute("href")
        );
        // 3 of 13 final jobs failed: at or above the default 20 %, so marked by a sign and words, not colour alone.
        Assert.Equal("▲failing: 23.1%", cnaf.QuerySelector("[data-count=percent]")!.TextContent.Trim());
        Assert.NotNull(cnaf.QuerySelector("[data-count=percent] .failure-percent.failing"));
        Assert.Equal("/errors?days=2&computingsite=CNAF-DS-1", cnaf.QuerySelector("a")!.GetAttribute("href"));
        var unset = page.Find("[data-testid=errors-by-computingsite] tr[data-group='']");
        Assert.Equal("Not specified", unset.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal(
            "/jobs?days=2&computingsite=Not%20specified&jobstatus=failed",
            unset.QuerySelector("[data-count=failed]")!.GetAttribute("href")
        );
    }

    [Fact]
    public void ASelectionWithoutFailures_SaysSo()
    {
        var page = RenderAt("/errors?hours=3");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=no-errors]")));
    }

    [Fact]
    public void BadParameter_IsNamed_AndTheReaderIsNeverAsked()
    {
        var page = RenderAt("/errors?hours=0");

        page.WaitForAssertion(() =>
            Assert.Contains("hours", page.Find("[data-testid=query-errors]").TextContent, StringComparison.Ordinal)
        );
        Assert.Empty(_errors.Asked);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
