using DarkSide.Monitor.Web;

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
}
