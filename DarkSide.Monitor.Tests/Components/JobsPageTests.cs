using Bunit;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using JobsPage = DarkSide.Monitor.Features.JobList.Jobs;

namespace DarkSide.Monitor.Tests.Components;

/// <summary>The job list's rendering over a fake reader: what a shifter sees for the rows the reader returns.</summary>
[Trait("Kind", "Component")]
public sealed class JobsPageTests : IAsyncDisposable
{
    private readonly FakeJobListReader _jobs = new();
    private readonly FakeErrorSummaryReader _errors = new();
    private MonitorTestContext? _context;
    private RecordingAudit? _audit;

    private IRenderedComponent<JobsPage> RenderAt(string url, Panda.Blinding.ViewerAccess viewer)
    {
        _context = new MonitorTestContext(viewer);
        _audit = _context.AddRecordingAudit();
        _context.AddJobPages(_jobs, _errors);
        return _context.RenderAt<JobsPage>(url);
    }

    [Fact]
    public void AJobWithOnlyWhatPandaAlwaysSets_ShowsEmptyCellsAndUnknownOwner()
    {
        _jobs.Page = _ => FakeRows.Page(FakeRows.Defined(4_000_001));

        var page = RenderAt("/jobs", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.Equal("1 job", page.Find("[data-testid=job-total]").TextContent));
        var row = Assert.Single(JobGrid.Rows(page));
        Assert.Equal("4000001", row[JobGrid.PandaId]);
        Assert.StartsWith("Attempt 0 Job name: -", Assert.Single(JobGrid.SubRows(page)), StringComparison.Ordinal);
        Assert.Equal("Unknown", row[JobGrid.Owner]);
        Assert.Equal("defined", row[JobGrid.Status]);
        Assert.Equal("", row[JobGrid.Task]);
        Assert.Equal("", row[JobGrid.Site]);
        Assert.Equal("", row[JobGrid.MaxPss]);
        Assert.Equal("", row[JobGrid.Info]);
    }

    [Fact]
    public void AFailedJob_ShowsItsErrorsInJobInfo_AndLinksItsSiteAsAFilter()
    {
        _jobs.Page = _ =>
            FakeRows.Page(FakeRows.Failed(4_000_002, "CNAF-DS-1", new JobError("pilot", 1099, "Stage-in")));

        var page = RenderAt("/jobs?hours=6", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.Single(JobGrid.Rows(page)));
        var row = JobGrid.Rows(page)[0];
        Assert.Equal("pilot:1099 Stage-in", row[JobGrid.Info]);
        Assert.StartsWith("CNAF-DS-1", row[JobGrid.Site], StringComparison.Ordinal);
        Assert.Contains(
            page.FindAll("td.col-site a").Select(a => a.GetAttribute("href")),
            href => href == "/jobs?hours=6&computingsite=CNAF-DS-1"
        );
    }

    [Fact]
    public void TheReaderGetsTheUrlsParse_WithAWindowThatSlides()
    {
        _jobs.Page = q => FakeRows.Page(FakeRows.Defined(4_000_003));

        var page = RenderAt("/jobs?jobstatus=failed&hours=12&sortby=priority", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.NotEmpty(_jobs.Asked));
        var (query, viewer) = _jobs.Asked.First();
        Assert.False(viewer.CanSeeBlindData);
        var status = Assert.IsType<StatusListJobFilter>(Assert.Single(query.Filters));
        Assert.Equal(["failed"], status.Statuses);
        Assert.Equal(new JobSort(JobSortKey.Priority, Descending: true), query.Sort);
        Assert.Equal(FakeRows.Now.AddHours(-12), query.Window.FromUtc);
        Assert.Equal(TimeSpan.FromHours(12), query.Window.Duration);
    }

    [Fact]
    public void BadParameters_NameEachOne_AndTheReaderIsNeverAsked()
    {
        var page = RenderAt("/jobs?jobstatus=runing&display_limit=0", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=query-errors] li").Count));
        Assert.Empty(page.FindAll("[data-testid=job-table]"));
        Assert.Empty(_jobs.Asked);
    }

    [Fact]
    public void AnEstimatedTotal_IsMarkedAsTheDatabasePlannersEstimate()
    {
        _jobs.Page = q =>
            FakeRows.Page(FakeRows.Defined(4_000_004)) with
            {
                Total = new JobCount(12_345, IsEstimate: true, LimitedTo: null),
            };

        var page = RenderAt("/jobs", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
            Assert.Equal(
                "~12,345 jobs (estimated by the database planner)",
                page.Find("[data-testid=job-total]").TextContent
            )
        );
    }

    [Fact]
    public void BeforeTheFirstAnswer_TheListSaysItIsReading_AndNoJobsOnlyOnceTheDatabaseSaidSo()
    {
        // Not disposed: the feed may ask again after the test, and must find the answer, not a disposed event.
        var answer = new ManualResetEventSlim();
        _jobs.Page = q =>
        {
            // The refresh runs on the feed's own thread; holding it is a slow database.
            answer.Wait(TimeSpan.FromSeconds(30));
            return new JobListPage([], new JobCount(0, false, null), q.AsOfUtc);
        };

        var page = RenderAt("/jobs", SeededPandaFixture.NotBlind);

        Assert.Equal("Reading the jobs from PanDA…", page.Find("[data-testid=job-loading]").TextContent);
        Assert.DoesNotContain("No jobs match", page.Markup, StringComparison.Ordinal);
        answer.Set();
        page.WaitForAssertion(() =>
            Assert.Contains("No jobs match this selection.", page.Markup, StringComparison.Ordinal)
        );
        Assert.Empty(page.FindAll("[data-testid=job-loading]"));
    }

    [Fact]
    public void AFailedRefresh_SaysSoWithoutDetail()
    {
        _jobs.Page = _ => throw new TimeoutException("statement timeout on doma_panda.jobsarchived4 secret");

        var page = RenderAt("/jobs", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() =>
            Assert.Contains(
                "The PanDA database did not answer in time.",
                page.Find("[data-testid=live-problem]").TextContent,
                StringComparison.Ordinal
            )
        );
        Assert.DoesNotContain("secret", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void BlindJobsShownUnredacted_AreRecordedOncePerView_ForABlindAccessViewer()
    {
        var blind = FakeRows.Defined(4_000_005) with { IsBlind = true, JobName = "ds20k.blind.run7" };
        _jobs.Page = _ => FakeRows.Page(blind);

        var page = RenderAt("/jobs?hours=3", SeededPandaFixture.Blind);

        page.WaitForAssertion(() => Assert.Single(_audit!.Events));
        var recorded = _audit!.Events.Single();
        Assert.Equal(Auditing.AuditActions.BlindList, recorded.Action);
        Assert.Equal(SeededPandaFixture.Blind.Name, recorded.UserName);
    }

    [Fact]
    public void ARedactedBlindJob_IsMarkedBlinded_AndNothingIsRecorded()
    {
        var redacted = FakeRows.Defined(4_000_006) with { IsBlind = true, IsRedacted = true };
        _jobs.Page = _ => FakeRows.Page(redacted);

        var page = RenderAt("/jobs", SeededPandaFixture.NotBlind);

        page.WaitForAssertion(() => Assert.Equal("blinded", Assert.Single(JobGrid.Rows(page))[JobGrid.Inputs]));
        Assert.Equal("Attempt 0 Job name and datasets: blinded", Assert.Single(JobGrid.SubRows(page)));
        Assert.Empty(_audit!.Events);
    }

    [Fact]
    public void AClosedTab_StopsItsFeedAtOnce_AndAReconnectedOneResumesIt()
    {
        _jobs.Page = _ => FakeRows.Page(FakeRows.Defined(4_000_007));
        var page = RenderAt("/jobs?hours=2", SeededPandaFixture.NotBlind);
        var hub = _context!.Services.GetRequiredService<Web.Live.LiveRefreshHub>();
        page.WaitForAssertion(() => Assert.Single(JobGrid.Rows(page)));
        Assert.Equal(1, hub.FeedCount);

        _context.Connection.Set(false);
        page.WaitForAssertion(() => Assert.Equal(0, hub.FeedCount));
        var asked = _jobs.Asked.Count;

        _context.Connection.Set(true);
        page.WaitForAssertion(() => Assert.True(_jobs.Asked.Count > asked));
        Assert.Equal(1, hub.FeedCount);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
