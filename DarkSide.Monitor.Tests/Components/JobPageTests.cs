using Bunit;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;
using JobPage = DarkSide.Monitor.Features.Job.Job;

namespace DarkSide.Monitor.Tests.Components;

/// <summary>
/// The job page's rendering over a fake reader: errors, links, missing jobs and the blind-view record.
/// </summary>
[Trait("Kind", "Component")]
public sealed class JobPageTests : IAsyncDisposable
{
    private readonly FakeJobDetailReader _jobs = new();
    private MonitorTestContext? _context;
    private RecordingAudit? _audit;

    private IRenderedComponent<JobPage> RenderFor(string pandaId, Panda.Blinding.ViewerAccess viewer)
    {
        _context = new MonitorTestContext(viewer);
        _audit = _context.AddRecordingAudit();
        _context.AddJobPage(_jobs);
        return _context.RenderAt<JobPage>("/job/" + pandaId, p => p.Add(c => c.PandaIdText, pandaId));
    }

    private static JobDetail Detail(JobListRow job, params JobErrorDetail[] errors) =>
        new(job, [], [], [], [], errors, JobParameters: null, Metadata: null);

    [Fact]
    public void AFailedJob_ListsItsErrors_EachLinkedToTheSameErrorAtItsSiteThatWeek_AndEverywhere()
    {
        var job = FakeRows.Failed(4_000_020, "CNAF-DS-1", new JobError("pilot", 1099, "Stage-in"));
        _jobs.Jobs[job.PandaId] = Detail(
            job,
            new JobErrorDetail("pilot", "piloterrorcode", 1099, "Stage-in", "Get error")
        );

        var page = RenderFor("4000020", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=job-errors] tbody tr")));
        var error = Assert.Single(page.FindAll("[data-testid=job-errors] tbody tr"));
        Assert.StartsWith("pilot:1099", error.TextContent.Trim(), StringComparison.Ordinal);
        var day = job.ModificationTime.Date;
        var week = $"date_from={day.AddDays(-6):yyyy-MM-dd}&date_to={day.AddDays(1):yyyy-MM-dd}";
        var links = error.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
            [
                $"/jobs?{week}&computingsite=CNAF-DS-1&piloterrorcode=1099&jobstatus=failed",
                $"/jobs?{week}&piloterrorcode=1099&jobstatus=failed",
            ],
            links
        );
        Assert.Equal("same error at CNAF-DS-1, that week", error.QuerySelectorAll("a")[0].TextContent.Trim());
        Assert.Equal("/task/30001234", page.Find("[data-testid=job-task]").GetAttribute("href"));
    }

    [Fact]
    public void AFailedJob_LeadsWithItsError_AndUnreportedResourcesSayNotReported()
    {
        // A job that ran 2 h and failed; the pilot reported its max PSS but nothing else (PanDA's NULLs, CPU time 0).
        var job = FakeRows.Failed(4_000_022, "CNAF-DS-1", new JobError("pilot", 1099, "Stage-in")) with
        {
            MaxPss = 1_436_549,
            MaxAttempt = 2,
        };
        _jobs.Jobs[job.PandaId] = Detail(
            job,
            new JobErrorDetail("pilot", "piloterrorcode", 1099, "Stage-in failed: no replica", "Failed to stage-in")
        );

        var page = RenderFor("4000022", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=job-headline]")));
        var headline = page.Find("[data-testid=job-headline-error]").TextContent;
        Assert.Matches(@"^\s*pilot:1099\s+Failed to stage-in\s+Stage-in failed: no replica\s*$", headline);
        Assert.Equal(
            "not retried: attempt 2 of 2 was the last",
            page.Find("[data-testid=job-retry]").TextContent.Trim()
        );
        Assert.Equal("1.37 GB / —", page.Find("[data-testid=job-pss]").TextContent.Trim());
        Assert.Equal("not reported", page.Find("[data-testid=job-cputime]").TextContent.Trim());
        Assert.Equal("not reported", page.Find("[data-testid=job-readwritten]").TextContent.Trim());
        Assert.Equal("not reported", page.Find("[data-testid=cpu-efficiency]").TextContent.Trim());
        // The headline comes before everything else the page says about the job.
        var markup = page.Markup;
        Assert.True(
            markup.IndexOf("job-headline", StringComparison.Ordinal)
                < markup.IndexOf("job-summary", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void AJobPandaDoesNotHave_IsNamedAsMissing()
    {
        var page = RenderFor("4000021", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
            Assert.Contains(
                "No job with PandaID 4000021",
                page.Find("[data-testid=job-not-found]").TextContent,
                StringComparison.Ordinal
            )
        );
    }

    [Fact]
    public void ANonNumericId_IsRefusedWithTheExpectedForm()
    {
        var page = RenderFor("abc", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
            Assert.Contains(
                "'abc' is not a PandaID; expected a whole number",
                page.Find("[data-testid=job-not-found]").TextContent,
                StringComparison.Ordinal
            )
        );
    }

    [Fact]
    public async Task ABlindJobShownUnredacted_IsRecordedOnce_ARedactedOneNever()
    {
        var blind = FakeRows.Defined(4_000_022) with { IsBlind = true, JobName = "ds20k.blind.run7" };
        _jobs.Jobs[blind.PandaId] = Detail(blind);
        var redacted = FakeRows.Defined(4_000_023) with { IsBlind = true, IsRedacted = true };
        _jobs.Jobs[redacted.PandaId] = Detail(redacted);

        var shown = RenderFor("4000022", SeededPandaFixture.Blind);
        shown.WaitForAssertion(() => Assert.Single(_audit!.Events));
        var recorded = _audit!.Events.Single();
        Assert.Equal((AuditActions.BlindView, "/job/4000022"), (recorded.Action, recorded.Target));
        await _context!.DisposeAsync();

        var hidden = RenderFor("4000023", SeededPandaFixture.NotBlind);
        hidden.WaitForAssertion(() => Assert.NotEmpty(hidden.FindAll("[data-testid=job-header]")));
        Assert.Empty(_audit!.Events);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
