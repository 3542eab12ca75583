using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>The job list's URL mistakes: each named with the parameter and the form it expects.</summary>
[Trait("Kind", "Unit")]
public sealed class JobQueryParserRefusalTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static JobQueryParseResult Parse(string query) =>
        new JobQueryParser(new JobListOptions()).Parse(QueryHelpers.ParseQuery(query), Now);

    private static ParameterError SingleError(string query)
    {
        var result = Parse(query);
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("foo=1", "foo", "is not a job-list parameter. Accepted: pandaid")]
    [InlineData(
        "pandaid=12x",
        "pandaid",
        "'12x' is not a whole number or a list of them; expected e.g. 1234 or 1234|5678 or 1234,5678."
    )]
    [InlineData("jeditaskid=-5", "jeditaskid", "'-5' is not a whole number")]
    [InlineData(
        "jobstatus=runing",
        "jobstatus",
        "'runing' is not a PanDA job status; expected one or more of pending, defined"
    )]
    [InlineData("priorityrange=900", "priorityrange", "'900' is not a range; expected low:high")]
    [InlineData("priorityrange=999:900", "priorityrange", "'999:900' is not a range")]
    [InlineData("computingsite=A||B", "computingsite", "'A||B' has an empty term")]
    [InlineData("hours=0", "hours", "'0' is not valid; expected a whole number from 1 to 87600.")]
    [InlineData("hours=abc", "hours", "'abc' is not valid")]
    [InlineData("days=4000", "days", "'4000' is not valid; expected a whole number from 1 to 3650.")]
    [InlineData("hours=1&days=1", "days", "cannot be combined with hours")]
    [InlineData("hours=1&date_from=2026-06-01", "hours", "cannot be combined with date_from/date_to")]
    [InlineData("date_from=yesterday", "date_from", "'yesterday' is not a date; expected UTC as 2026-03-15")]
    [InlineData("date_to=2026-13-01", "date_to", "'2026-13-01' is not a date")]
    [InlineData("date_from=2026-06-02&date_to=2026-06-01", "date_from", "is not before date_to")]
    [InlineData("sortby=random", "sortby", "'random' is not a sort order; expected one of")]
    [InlineData("sortby=time-sideways", "sortby", "'time-sideways' is not a sort order")]
    [InlineData("display_limit=0", "display_limit", "expected a whole number from 1 to 1000.")]
    [InlineData("display_limit=5000", "display_limit", "expected a whole number from 1 to 1000.")]
    [InlineData("page=0", "page", "expected a whole number ≥ 1.")]
    [InlineData("limit=-1", "limit", "expected a whole number ≥ 1.")]
    [InlineData("errormessage=oops", "errormessage", "needs the error code it belongs to in the same URL")]
    [InlineData(
        "summarysort=size",
        "summarysort",
        "'size' is not a summary order; expected count (most frequent first) or name."
    )]
    [InlineData("computingsite=", "computingsite", "is empty; give a value or leave the parameter out.")]
    [InlineData("jobstatus=running&jobstatus=failed", "jobstatus", "is given 2 times; give it once")]
    public void Parse_BadInput_NamesTheParameterAndTheExpectedForm(string parameters, string parameter, string message)
    {
        var error = SingleError(parameters);

        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralBadParameters_ReportsEachOfThem()
    {
        var result = Parse("foo=1&pandaid=x&sortby=nope");

        Assert.Equal(["foo", "pandaid", "sortby"], result.Errors.Select(e => e.Parameter).Order());
    }

    [Fact]
    public void Parse_TooManyIds_IsRefusedWithTheLimit()
    {
        var ids = string.Join(',', Enumerable.Range(1, 10_001));

        Assert.Contains("at most 10000 are accepted", SingleError("pandaid=" + ids).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=2147483647", "page", "2147483647 starts past the first 1,000,000 jobs")]
    [InlineData("page=10002&display_limit=100", "page", "starts past the first 1,000,000 jobs (100 per page)")]
    [InlineData("jobname=ds20k%00.reco", "jobname", "contains the control character U+0000")]
    [InlineData("computingsite=CNAF%0A-DS-1", "computingsite", "contains the control character U+000A")]
    [InlineData("produsername=%1Brossi", "produsername", "contains the control character U+001B")]
    public void HugePagesAndControlCharacters_AreRefusedNamingTheParameter(
        string query,
        string parameter,
        string message
    )
    {
        var result = Parse(query);

        Assert.False(result.IsValid);
        Assert.Contains(
            result.Errors,
            e => e.Parameter == parameter && e.Message.Contains(message, StringComparison.Ordinal)
        );
    }

    [Fact]
    public void TheLastAllowedPage_IsAccepted()
    {
        Assert.True(Parse("page=10001&display_limit=100").IsValid);
    }
}
