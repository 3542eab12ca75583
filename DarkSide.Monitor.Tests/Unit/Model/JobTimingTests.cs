using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Tests.Unit.Model;

[Trait("Kind", "Unit")]
public sealed class JobTimingTests
{
    private static readonly DateTime Created = new(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = new(2026, 6, 1, 10, 3, 7, DateTimeKind.Utc);
    private static readonly DateTime End = new(2026, 6, 1, 12, 5, 16, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 6, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WorkedExample_FromTheIssue()
    {
        Assert.Equal("0:0:03:07", JobTiming.FormatDhms(JobTiming.TimeToStart(Created, Start, Now)));
        Assert.Equal("0:2:02:09", JobTiming.FormatDhms(JobTiming.Duration("finished", Start, End, End, End, Now)));
        Assert.Equal("3.00", JobTiming.FormatMaxPssPerCore(JobTiming.MaxPssPerCoreGb(6_291_456, 2)));
    }

    [Fact]
    public void TimeToStart_NotStarted_KeepsCountingToNow()
    {
        Assert.Equal(TimeSpan.FromHours(14), JobTiming.TimeToStart(Created, null, Now));
    }

    [Fact]
    public void Duration_RunningWithoutEnd_CountsToNow()
    {
        Assert.Equal(Now - Start, JobTiming.Duration("running", Start, null, Start, Start, Now));
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("cancelled")]
    [InlineData("merging")]
    public void Duration_FinalOrMergingWithoutEnd_EndsAtTheLastStateChange(string status)
    {
        var stateChange = Start.AddMinutes(90);

        Assert.Equal(TimeSpan.FromMinutes(90), JobTiming.Duration(status, Start, null, stateChange, Now, Now));
    }

    [Fact]
    public void Duration_FinalWithoutEndOrStateChange_FallsBackToModificationTime()
    {
        Assert.Equal(
            TimeSpan.FromMinutes(30),
            JobTiming.Duration("closed", Start, null, null, Start.AddMinutes(30), Now)
        );
    }

    [Fact]
    public void Duration_NeverStarted_IsZero()
    {
        Assert.Equal("0:0:00:00", JobTiming.FormatDhms(JobTiming.Duration("cancelled", null, End, End, End, Now)));
    }

    [Theory]
    [InlineData(93784, "1:2:03:04")]
    [InlineData(59, "0:0:00:59")]
    [InlineData(-5, "0:0:00:00")]
    public void FormatDhms_DaysAndHoursUnpadded(int seconds, string expected)
    {
        Assert.Equal(expected, JobTiming.FormatDhms(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(6_291_456L, 2, 3.0)]
    [InlineData(1_572_864L, 1, 1.5)]
    [InlineData(1_000_000L, 3, 0.32)]
    public void MaxPssPerCore_IsKbOverGiBPerCoreRoundedToTwoDecimals(long maxPss, int cores, double expected)
    {
        Assert.Equal(expected, JobTiming.MaxPssPerCoreGb(maxPss, cores));
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData(1000L, null)]
    [InlineData(1000L, 0)]
    public void MaxPssPerCore_NeedsBothValuesAndCores(long? maxPss, int? cores)
    {
        Assert.Null(JobTiming.MaxPssPerCoreGb(maxPss, cores));
        Assert.Equal("", JobTiming.FormatMaxPssPerCore(JobTiming.MaxPssPerCoreGb(maxPss, cores)));
    }

    [Theory]
    [InlineData("http://pandaserver-doma.cern.ch:25080/trf/user/runGen-00-00-02", "runGen-00-00-02")]
    [InlineData("ds20k_reco.py", "ds20k_reco.py")]
    [InlineData(null, "")]
    public void TransformationName_IsTheLastPathSegment(string? transformation, string expected)
    {
        Assert.Equal(expected, JobTiming.TransformationName(transformation));
    }
}
