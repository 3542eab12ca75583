using Bunit;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ErrorsPage = DarkSide.Monitor.Features.Errors.Errors;

namespace DarkSide.Monitor.Tests.Db.Pages;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class ErrorsPageOverPandaTests(SeededPandaFixture fixture) : IAsyncDisposable
{
    private MonitorTestContext? _context;

    private IRenderedComponent<ErrorsPage> RenderAt(string url, ViewerAccess viewer)
    {
        _context = new MonitorTestContext(viewer);
        _context.AddJobPages(fixture.Repository, fixture.CreateErrorSummaryRepository(), fixture.ListOptions);
        return _context.RenderAt<ErrorsPage>(url);
    }

    [Fact]
    public async Task SiteRow_ShowsItsCounts_AndLinksEachToTheMatchingJobList()
    {
        var site = await fixture.Database.ScalarAsync<string>(
            "SELECT computingsite FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' AND modificationtime "
                + ">= @from GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
            ("from", Oracle.Timestamp(PandaTestDatabase.SeededAtUtc.AddHours(-24)))
        );
        var failed = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' AND computingsite = @s "
                + "AND modificationtime >= @from",
            ("s", site),
            ("from", Oracle.Timestamp(PandaTestDatabase.SeededAtUtc.AddHours(-24)))
        );

        var page = RenderAt("/errors", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
        {
            var row = page.Find($"[data-testid=errors-by-computingsite] tr[data-group='{site}']");
            var link = row.QuerySelector("[data-count=failed]")!;
            Assert.Equal(failed.ToString("N0"), link.TextContent.Trim());
            Assert.Equal($"/jobs?hours=24&computingsite={site}&jobstatus=failed", link.GetAttribute("href"));
            Assert.Equal($"/errors?hours=24&computingsite={site}", row.QuerySelector("a")!.GetAttribute("href"));
            Assert.NotEmpty(page.FindAll("[data-testid=error-summary] tr[data-error]"));
        });
    }

    [Fact]
    public async Task NarrowedView_KeepsItsWindowAndFilter_InTheErrorLinks()
    {
        var user = await fixture.Database.ScalarAsync<string>(
            "SELECT produsername FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' AND piloterrorcode <> "
                + "0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );

        var page = RenderAt($"/errors?days=2&produsername={user}", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
        {
            var links = page.FindAll("[data-testid=error-summary] tr[data-error^='pilot:'] [data-testid=error-jobs]");
            Assert.NotEmpty(links);
            AssertEvery(
                links,
                l =>
                    Assert.StartsWith(
                        $"/jobs?days=2&produsername={Uri.EscapeDataString(user)}&piloterrorcode=",
                        l.GetAttribute("href")!,
                        StringComparison.Ordinal
                    )
            );
            Assert.Equal(
                [user],
                page.FindAll("[data-testid=errors-by-produsername] tr[data-group]")
                    .Select(r => r.GetAttribute("data-group"))
            );
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
