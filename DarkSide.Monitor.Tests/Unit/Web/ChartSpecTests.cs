using DarkSide.Monitor.Web.Controls;

namespace DarkSide.Monitor.Tests.Unit.Web;

/// <summary>A date chart of a short window still has an axis a person can read.</summary>
[Trait("Kind", "Unit")]
public sealed class ChartSpecTests
{
    private static readonly DateTime Hour = new(2026, 12, 7, 8, 0, 0);

    private static ChartSpec Hourly(params DateTime[] hours) =>
        new(
            "site-jobs",
            "hour (UTC)",
            "jobs",
            [new ChartSeries("failed", hours.Select(h => (object)h).ToList(), hours.Select(_ => (double?)3).ToList())],
            XAxis: ChartAxis.Date
        )
        {
            XBin = TimeSpan.FromHours(1),
        };

    [Fact]
    public void OneOrTwoBins_SpanABinEitherSide_NotAMillisecond()
    {
        Assert.Equal((Hour.AddHours(-1), Hour.AddHours(1)), Hourly(Hour).XRange);
        Assert.Equal((Hour.AddHours(-1), Hour.AddHours(2)), Hourly(Hour, Hour.AddHours(1)).XRange);
    }

    [Fact]
    public void MoreBins_OrNoBinLength_LeaveTheRangeToPlotly()
    {
        Assert.Null(Hourly(Hour, Hour.AddHours(1), Hour.AddHours(2)).XRange);
        Assert.Null((Hourly(Hour) with { XBin = null }).XRange);
    }
}
