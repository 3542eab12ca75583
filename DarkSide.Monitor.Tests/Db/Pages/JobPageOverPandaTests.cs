using Bunit;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using JobPage = DarkSide.Monitor.Features.Job.Job;

namespace DarkSide.Monitor.Tests.Db.Pages;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class JobPageOverPandaTests(SeededPandaFixture fixture) : IAsyncDisposable
{
    private MonitorTestContext? _context;

    private IRenderedComponent<JobPage> RenderFor(string pandaId, ViewerAccess viewer)
    {
        _context = new MonitorTestContext(viewer);
        _context.AddAuditLog(fixture.Database);
        _context.AddJobPage(fixture.CreateJobDetailRepository(), fixture.ListOptions);
        return _context.RenderAt<JobPage>(
            "/job/" + Uri.EscapeDataString(pandaId),
            p => p.Add(c => c.PandaIdText, pandaId)
        );
    }

    [Fact]
    public async Task RetriedFailure_ShowsItsErrorTimelineAndALinkToTheRetry()
    {
        var old = await fixture.Database.ScalarAsync<long>(
            "SELECT r.oldpandaid FROM doma_panda.jedi_job_retry_history r JOIN doma_panda.jobsarchived4 j ON "
                + "j.pandaid = r.oldpandaid WHERE j.piloterrorcode <> 0 ORDER BY 1 LIMIT 1"
        );
        var retry = await fixture.Database.ScalarAsync<long>(
            "SELECT newpandaid FROM doma_panda.jedi_job_retry_history WHERE oldpandaid = @p",
            ("p", old)
        );
        var code = await fixture.Database.ScalarAsync<int>(
            "SELECT piloterrorcode FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", old)
        );

        // The same error at the job's site over the week around its last modification.
        var sameError = await fixture.Database.ScalarAsync<string>(
            "SELECT '/jobs?date_from=' || to_char(modificationtime::date - 6, 'YYYY-MM-DD') || '&date_to=' "
                + "|| to_char(modificationtime::date + 1, 'YYYY-MM-DD') || '&computingsite=' || computingsite "
                + "FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", old)
        );

        var page = RenderFor(old.ToString(), SeededPandaFixture.Blind);

        page.WaitForAssertion(() =>
        {
            Assert.Contains($"Job {old}", page.Find("[data-testid=job-header]").TextContent, StringComparison.Ordinal);
            var error = page.Find("[data-testid=job-errors] tbody tr");
            Assert.StartsWith($"pilot:{code}", error.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal(
                $"{sameError}&piloterrorcode={code}&jobstatus=failed",
                error.QuerySelector("a")!.GetAttribute("href")
            );
            Assert.Contains(
                page.FindAll("[data-testid=job-attempts] a"),
                a => a.GetAttribute("href") == $"/job/{retry}" && a.TextContent == retry.ToString()
            );
            Assert.Equal(
                "failed",
                page.FindAll("[data-testid=job-states] tbody tr").Last().QuerySelector("td")!.TextContent.Trim()
            );
            Assert.Empty(page.FindAll("[data-testid=job-parameters]"));
        });
    }

    [Fact]
    public void JobsAsPandaWritesThem_ShowTheirPage()
    {
        foreach (var pandaId in PandaReferenceRows.NamedJobs.Append(PandaReferenceRows.BareOldArchived))
        {
            var page = RenderFor(pandaId.ToString(), SeededPandaFixture.Blind);

            page.WaitForAssertion(() =>
                Assert.Contains(
                    $"Job {pandaId}",
                    page.Find("[data-testid=job-header]").TextContent,
                    StringComparison.Ordinal
                )
            );
            var summary = page.Find("[data-testid=job-summary]").TextContent;
            // Unset values are empty, never separators around nothing or a link to an empty filter.
            Assert.DoesNotContain("(,", summary, StringComparison.Ordinal);
            Assert.DoesNotContain("· ·", summary, StringComparison.Ordinal);
            Assert.DoesNotContain(
                page.FindAll("[data-testid=job-summary] a"),
                a => a.GetAttribute("href")!.EndsWith('=')
            );
            Assert.Equal("-", page.Find("[data-testid=job-datasets]").TextContent);
        }
    }

    [Theory]
    [InlineData("abc", "'abc' is not a PandaID; expected a whole number such as 6100000042.")]
    [InlineData("-5", "'-5' is not a PandaID")]
    [InlineData("42", "No job with PandaID 42 in PanDA's job tables")]
    public void BadOrUnknownPandaId_SaysWhatIsWrong(string pandaId, string message)
    {
        var page = RenderFor(pandaId, SeededPandaFixture.Blind);

        page.WaitForAssertion(() =>
            Assert.Contains(message, page.Find("[data-testid=job-not-found]").TextContent, StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task BlindJob_WithoutAccess_ShowsTheLockAndNoneOfItsNames()
    {
        var job = await fixture.Database.ScalarAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} AND jobstatus = 'finished' ORDER BY "
                + $"pandaid LIMIT 1"
        );
        var name = await fixture.Database.ScalarAsync<string>(
            "SELECT jobname FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", job)
        );

        var page = RenderFor(job.ToString(), new ViewerAccess("erin", CanSeeBlindData: false, IsAdmin: true));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("blinded", page.Find("[data-testid=job-header]").TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(name, page.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("blind:", page.Markup, StringComparison.Ordinal);
            Assert.Contains("blinded", page.Find("[data-testid=job-parameters]").TextContent, StringComparison.Ordinal);
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
