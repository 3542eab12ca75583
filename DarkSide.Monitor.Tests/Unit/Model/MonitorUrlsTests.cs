using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;

namespace DarkSide.Monitor.Tests.Unit.Model;

[Trait("Kind", "Unit")]
public sealed class MonitorUrlsTests
{
    private static readonly KeyValuePair<string, string>[] Current =
    [
        new("computingsite", "CNAF-DS-1"),
        new("jobstatus", "failed|closed"),
        new("page", "3"),
    ];

    [Theory]
    [InlineData("/", true)]
    [InlineData("/jobs?jobstatus=failed", true)]
    [InlineData("/jobs/%5Cx", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/\t/evil.example/x", false)]
    [InlineData("/\n/evil.example/x", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("evil.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocalPath_RefusesEverySpellingOfAnotherHost(string? path, bool local)
    {
        Assert.Equal(local, MonitorUrls.IsLocalPath(path));
    }

    [Fact]
    public void Jobs_KeepsTheGrammarReadableAndEscapesTheRest()
    {
        Assert.Equal(
            "/jobs?computingsite=*CNAF*,!*HIMEM&produsername=Alessandra%20Rossi&priorityrange=900:999",
            MonitorUrls.Jobs([
                new("computingsite", "*CNAF*,!*HIMEM"),
                new("produsername", "Alessandra Rossi"),
                new("priorityrange", "900:999"),
            ])
        );
    }

    [Fact]
    public void Jobs_EscapesCharactersThatWouldBreakTheQueryString()
    {
        Assert.Equal("/jobs?errormessage=a%26b%3Dc%23d", MonitorUrls.Jobs([new("errormessage", "a&b=c#d")]));
    }

    [Fact]
    public void JobsWith_ReplacesTheParameterAndRestartsPaging()
    {
        Assert.Equal(
            "/jobs?jobstatus=failed|closed&computingsite=RAL-DS",
            MonitorUrls.JobsWith(Current, "ComputingSite", "RAL-DS")
        );
    }

    [Fact]
    public void JobsWith_NullValueRemovesTheParameter()
    {
        Assert.Equal("/jobs?computingsite=CNAF-DS-1", MonitorUrls.JobsWith(Current, "jobstatus", null));
    }

    [Fact]
    public void JobsPage_SetsThePageAndOmitsPageOne()
    {
        Assert.Equal("/jobs?computingsite=CNAF-DS-1&jobstatus=failed|closed&page=4", MonitorUrls.JobsPage(Current, 4));
        Assert.Equal("/jobs?computingsite=CNAF-DS-1&jobstatus=failed|closed", MonitorUrls.JobsPage(Current, 1));
    }

    [Fact]
    public void Job_IsTheJobPage()
    {
        Assert.Equal("/job/6100000042", MonitorUrls.Job(6100000042));
    }

    [Fact]
    public void WindowRange_CoversTheSelection_InWholeDaysOrMinutes()
    {
        List<KeyValuePair<string, string>> usage = [new("days", "30"), new("computingsite", "CNAF*")];
        var (from, to) = ChartRange.TryParse("2026-11-03 13:20:59.5", "2026-11-06 00:00")!.Value;

        Assert.Equal(
            "/usage?computingsite=CNAF*&date_from=2026-11-03&date_to=2026-11-06",
            MonitorUrls.WindowRange("/usage", usage, from, to, wholeDays: true)
        );
        Assert.Equal(
            "/errors?computingsite=CNAF*&date_from=2026-11-03T13:20&date_to=2026-11-06T00:00",
            MonitorUrls.WindowRange("/errors", usage, from, to, wholeDays: false)
        );
        var (_, later) = ChartRange.TryParse("2026-11-03", "2026-11-06 00:00:01")!.Value;
        Assert.EndsWith("date_to=2026-11-07", MonitorUrls.WindowRange("/usage", usage, from, later, true));
        Assert.EndsWith("date_to=2026-11-06T00:01", MonitorUrls.WindowRange("/jobs", usage, from, later, false));
        Assert.Null(ChartRange.TryParse("2026-11-06", "2026-11-03"));
        Assert.Null(ChartRange.TryParse("Nov 3", "2026-11-03"));
    }
}
