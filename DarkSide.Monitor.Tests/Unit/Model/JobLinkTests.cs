using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Tests.Unit.Model;

[Trait("Kind", "Unit")]
public sealed class JobLinkTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 30, 5, DateTimeKind.Utc);

    [Fact]
    public void Jobs_WritesTypedValuesInAFixedOrder()
    {
        var link = new JobLink
        {
            JobStatus = "failed",
            Error = ("piloterrorcode", 1099),
            JediTaskId = 42,
            ComputingSite = "CNAF-DS-1",
            Window = LinkWindow.Hours(12),
            DropRetried = false,
        };

        Assert.Equal(
            "/jobs?hours=12&computingsite=CNAF-DS-1&jeditaskid=42&piloterrorcode=1099&jobstatus=failed&mode=nodrop",
            MonitorUrls.Jobs(link)
        );
    }

    [Fact]
    public void Jobs_KeepsThePagesParametersReplacesTheSetOnesAndRestartsPaging()
    {
        var link = new JobLink
        {
            Keeping = [new("computingsite", "RAL-DS"), new("days", "3"), new("jobstatus", "running"), new("page", "4")],
            JobStatus = "failed",
            Window = LinkWindow.Hours(6),
        };

        Assert.Equal("/jobs?computingsite=RAL-DS&hours=6&jobstatus=failed", MonitorUrls.Jobs(link));
    }

    [Fact]
    public void Value_LinksPandasNullAsNotSpecified()
    {
        Assert.Equal(
            "/errors?computingsite=Not%20specified",
            MonitorUrls.Errors(new JobLink { ComputingSite = JobLink.Value(null) })
        );
    }

    [Theory]
    [InlineData(0, 0, 0, "date_from=2026-06-14&date_to=2026-06-15")]
    [InlineData(12, 30, 0, "date_from=2026-06-14T12:30&date_to=2026-06-15T12:30")]
    [InlineData(12, 30, 5, "date_from=2026-06-14T12:30:05&date_to=2026-06-15T12:30:05")]
    public void Between_WritesTheRangeAsPreciselyAsItIs(int hour, int minute, int second, string expected)
    {
        var to = new DateTime(2026, 6, 15, hour, minute, second, DateTimeKind.Utc);

        var link = MonitorUrls.Jobs(new JobLink { Window = LinkWindow.Between(to.AddDays(-1), to) });

        Assert.Equal("/jobs?" + expected, link);
    }

    [Fact]
    public void Filters_ComeBeforeTheTypedValuesInTheirOwnOrder()
    {
        var link = new JobLink
        {
            Filters = [new("ResourceType", "MCORE"), new("prodsourcelabel", "managed")],
            JobStatus = "finished",
            Window = LinkWindow.Between(Now.AddHours(-1), Now),
        };

        Assert.Equal(
            "/jobs?date_from=2026-06-15T11:30:05&date_to=2026-06-15T12:30:05&resourcetype=MCORE"
                + "&prodsourcelabel=managed&jobstatus=finished",
            MonitorUrls.Jobs(link)
        );
    }
}
