using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Unit.Web;

/// <summary>What a failed job's page says first: its error, and what became of the work.</summary>
[Trait("Kind", "Unit")]
public sealed class JobHeadlineTests
{
    private static readonly JobErrorDetail StageIn = new("pilot", "piloterrorcode", 1099, "Stage-in", "Get error");

    private static JobDetail Detail(
        JobListRow job,
        IReadOnlyList<JobAttempt> attempts,
        params JobErrorDetail[] errors
    ) => new(job, [], [], [], attempts, errors, JobParameters: null, Metadata: null);

    private static JobAttempt Attempt(long pandaId, int attemptNr, string status) =>
        new(pandaId, attemptNr, status, FakeRows.Now, Relation: null);

    [Fact]
    public void AFailedJobRetriedOnce_LeadsWithItsErrorAndTheRetrysOutcome()
    {
        var job = FakeRows.Failed(100, "CNAF-DS-1") with { AttemptNr = 1, MaxAttempt = 5 };

        var headline = JobHeadline.For(Detail(job, [Attempt(100, 1, "failed"), Attempt(140, 2, "finished")], StageIn))!;

        Assert.Equal(StageIn, headline.Error);
        Assert.Equal(140, headline.Retry!.PandaId);
        Assert.Equal("retried as 140 (attempt 2): finished", headline.RetryText);
    }

    [Fact]
    public void RetriedSeveralTimes_NamesTheLastAttempt()
    {
        var job = FakeRows.Failed(100, "CNAF-DS-1") with { AttemptNr = 1, MaxAttempt = 5 };
        var attempts = new[] { Attempt(100, 1, "failed"), Attempt(150, 3, "running"), Attempt(120, 2, "failed") };

        var headline = JobHeadline.For(Detail(job, attempts, StageIn))!;

        Assert.Equal("retried 2 times; last as 150 (attempt 3): running", headline.RetryText);
    }

    [Theory]
    [InlineData(1, 5, "not retried (yet): attempt 1 of 5")]
    [InlineData(5, 5, "not retried: attempt 5 of 5 was the last")]
    [InlineData(1, 0, "not retried")]
    public void NotRetried_SaysWhetherAttemptsAreLeft(int attempt, int max, string text)
    {
        var job = FakeRows.Failed(100, "CNAF-DS-1") with { AttemptNr = attempt, MaxAttempt = max };

        Assert.Equal(text, JobHeadline.For(Detail(job, [], StageIn))!.RetryText);
    }

    [Fact]
    public void AnEarlierAttempt_IsNotTheRetry()
    {
        var job = FakeRows.Failed(120, "CNAF-DS-1") with { AttemptNr = 2, MaxAttempt = 5 };

        var headline = JobHeadline.For(Detail(job, [Attempt(100, 1, "failed"), Attempt(120, 2, "failed")], StageIn))!;

        Assert.Null(headline.Retry);
        Assert.Equal("not retried (yet): attempt 2 of 5", headline.RetryText);
    }

    [Fact]
    public void AFinishedJobWithoutErrors_HasNoHeadline_AndAFailedOneWithoutACodeSaysSo()
    {
        Assert.Null(JobHeadline.For(Detail(FakeRows.Defined(1) with { JobStatus = "finished" }, [])));

        var failed = JobHeadline.For(Detail(FakeRows.Failed(2, "CNAF-DS-1"), []))!;
        Assert.Null(failed.Error);
    }
}
