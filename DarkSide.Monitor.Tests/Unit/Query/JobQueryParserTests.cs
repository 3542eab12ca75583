using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Unit.Query;

[Trait("Kind", "Unit")]
public sealed class JobQueryParserTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static JobQueryParseResult Parse(string query) =>
        new JobQueryParser(new JobListOptions()).Parse(QueryHelpers.ParseQuery(query), Now);

    private static JobQuery Valid(string query)
    {
        var result = Parse(query);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Query!;
    }

    private static ParameterError SingleError(string query)
    {
        var result = Parse(query);
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Parse_NoParameters_DefaultsToBigPandaDomaWindowSortAndPage()
    {
        var query = Valid("");

        Assert.Equal(Now.AddHours(-168), query.Window.FromUtc);
        Assert.Null(query.Window.ToUtc);
        Assert.False(query.Window.AppliesToActiveTables);
        Assert.False(query.Window.IsDeepQuery);
        Assert.Equal(JobSort.Default, query.Sort);
        Assert.Equal(1, query.Page);
        Assert.Equal(100, query.DisplayLimit);
        Assert.Null(query.Limit);
        Assert.Empty(query.Filters);
    }

    [Fact]
    public void Parse_Hours_WindowsArchivedAndActiveTables()
    {
        var query = Valid("hours=12");

        Assert.Equal(Now.AddHours(-12), query.Window.FromUtc);
        Assert.True(query.Window.AppliesToActiveTables);
    }

    [Fact]
    public void Parse_Days_WindowsOnlyArchivedTable_AsBigPandaDoes()
    {
        var query = Valid("days=3");

        Assert.Equal(Now.AddDays(-3), query.Window.FromUtc);
        Assert.False(query.Window.AppliesToActiveTables);
    }

    [Fact]
    public void Parse_DateRange_IsUtcAndWindowsActiveTablesWhenDateToIsGiven()
    {
        var query = Valid("date_from=2026-06-01T10:00&date_to=2026-06-02");

        Assert.Equal(new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc), query.Window.FromUtc);
        Assert.Equal(new DateTime(2026, 6, 2, 0, 0, 0, DateTimeKind.Utc), query.Window.ToUtc);
        Assert.True(query.Window.AppliesToActiveTables);
    }

    [Fact]
    public void Parse_DateFromOnly_RunsToNowWithoutWindowingActiveTables()
    {
        var query = Valid("date_from=2026-06-10 08:30:00");

        Assert.Equal(new DateTime(2026, 6, 10, 8, 30, 0, DateTimeKind.Utc), query.Window.FromUtc);
        Assert.Null(query.Window.ToUtc);
        Assert.False(query.Window.AppliesToActiveTables);
    }

    [Fact]
    public void Parse_DateToOnly_StartsOneDefaultWindowEarlier()
    {
        var query = Valid("date_to=2026-06-10");

        Assert.Equal(new DateTime(2026, 6, 3, 0, 0, 0, DateTimeKind.Utc), query.Window.FromUtc);
    }

    [Theory]
    [InlineData("pandaid=6100000001")]
    [InlineData("jeditaskid=31000")]
    [InlineData("taskid=12")]
    [InlineData("jobsetid=310001")]
    [InlineData("jobname=ds20k.run012001.reco.v1.000001")]
    public void Parse_IdWithoutWindow_IsDeepQuery(string parameters)
    {
        var query = Valid(parameters);

        Assert.True(query.Window.IsDeepQuery);
        Assert.Null(query.Window.FromUtc);
    }

    [Fact]
    public void Parse_IdWithHours_KeepsTheWindow()
    {
        var query = Valid("jeditaskid=31000&hours=6");

        Assert.False(query.Window.IsDeepQuery);
        Assert.Equal(Now.AddHours(-6), query.Window.FromUtc);
    }

    [Theory]
    [InlineData("jobstatus=running", true)]
    [InlineData("jobstatus=running|activated", true)]
    [InlineData("jobstatus=finished|failed", false)]
    [InlineData("jobstatus=running,failed", false)]
    public void Parse_JobStatus_WindowsActiveTablesOnlyWhenEveryStateIsActive(string parameters, bool windowed)
    {
        // BigPanDA's is_job_active('finished|failed') bug unlocked active tables for final states; fixed here.
        Assert.Equal(windowed, Valid(parameters).Window.AppliesToActiveTables);
    }

    [Theory]
    [InlineData("pandaid=1,2,3", new long[] { 1, 2, 3 })]
    [InlineData("pandaid=1|2|3", new long[] { 1, 2, 3 })]
    [InlineData("jeditaskid=5,6|7", new long[] { 5, 6, 7 })]
    [InlineData("attemptnr=2", new long[] { 2 })]
    [InlineData("piloterrorcode=1099|1212", new long[] { 1099, 1212 })]
    [InlineData("reqid=100,100", new long[] { 100 })]
    public void Parse_NumberLists_AcceptCommasAndBars(string parameters, long[] expected)
    {
        var filter = Assert.IsType<NumberListJobFilter>(Assert.Single(Valid(parameters).Filters));

        Assert.Equal(expected, filter.Values);
    }

    [Fact]
    public void Parse_JobStatusList_KeepsEachKnownState()
    {
        var filter = Assert.IsType<StatusListJobFilter>(
            Assert.Single(Valid("jobstatus=failed,cancelled|closed").Filters)
        );

        Assert.Equal(["failed", "cancelled", "closed"], filter.Statuses);
    }

    [Fact]
    public void Parse_PriorityRange_IsInclusiveRangeOnCurrentPriority()
    {
        var filter = Assert.IsType<RangeJobFilter>(Assert.Single(Valid("priorityrange=900:999").Filters));

        Assert.Equal(("currentpriority", 900L, 999L), (filter.Field.Column, filter.Low, filter.High));
    }

    [Fact]
    public void Parse_TextGrammar_SplitsAlternativesConditionsNegationAndWildcards()
    {
        var filter = Assert.IsType<TextJobFilter>(Assert.Single(Valid("computingsite=CNAF*,!*HIMEM|RAL-DS").Filters));

        Assert.Equal(2, filter.Pattern.AnyOf.Count);
        Assert.Equal(new TextCondition(false, TextMatch.Like, "CNAF*"), filter.Pattern.AnyOf[0][0]);
        Assert.Equal(new TextCondition(true, TextMatch.Like, "*HIMEM"), filter.Pattern.AnyOf[0][1]);
        Assert.Equal(new TextCondition(false, TextMatch.Equals, "RAL-DS"), filter.Pattern.AnyOf[1][0]);
    }

    [Theory]
    [InlineData("*", TextMatch.HasValue, false)]
    [InlineData("!*", TextMatch.HasValue, true)]
    [InlineData("Not specified", TextMatch.NotSpecified, false)]
    [InlineData("!Not specified", TextMatch.NotSpecified, true)]
    public void Parse_TextSpecialValues(string value, TextMatch kind, bool negated)
    {
        var filter = Assert.IsType<TextJobFilter>(
            Assert.Single(Valid("processingtype=" + Uri.EscapeDataString(value)).Filters)
        );

        Assert.Equal((kind, negated), (filter.Pattern.AnyOf[0][0].Kind, filter.Pattern.AnyOf[0][0].Negated));
    }

    [Theory]
    [InlineData("sortby=PandaID", JobSortKey.PandaId, true)]
    [InlineData("sortby=pandaid-ascending", JobSortKey.PandaId, false)]
    [InlineData("sortby=create-ascending", JobSortKey.Create, false)]
    [InlineData("sortby=time-descending", JobSortKey.Time, true)]
    [InlineData("sortby=statetime", JobSortKey.StateTime, true)]
    [InlineData("sortby=priority", JobSortKey.Priority, true)]
    [InlineData("sortby=attemptnr", JobSortKey.AttemptNr, true)]
    [InlineData("sortby=duration-ascending", JobSortKey.Duration, false)]
    [InlineData("sortby=queuetime", JobSortKey.QueueTime, true)]
    public void Parse_SortBy_IsCaseInsensitiveWithOptionalDirection(string parameters, JobSortKey key, bool descending)
    {
        Assert.Equal(new JobSort(key, descending), Valid(parameters).Sort);
    }

    /// <summary>
    /// A crafted order by a blind-only column would tell a viewer without blind access where the withheld values fall:
    /// no such key exists, on the job list, the task list or the job page's files.
    /// </summary>
    [Theory]
    [InlineData("sortby=nevents")]
    [InlineData("sortby=jobname")]
    [InlineData("sortby=piloterrordiag-ascending")]
    [InlineData("sortby=proddblock")]
    public void Parse_SortBy_ABlindOnlyColumn_IsRefused(string parameters)
    {
        var error = SingleError(parameters);

        Assert.Equal("sortby", error.Parameter);
        var offered = error.Message[error.Message.IndexOf("expected", StringComparison.Ordinal)..];
        Assert.Contains("computingsite", offered, StringComparison.Ordinal);
        Assert.DoesNotContain("nevents", offered, StringComparison.Ordinal);
        Assert.DoesNotContain("jobname", offered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sortby=taskname")]
    [InlineData("sortby=events")]
    public void TaskList_SortBy_ABlindValue_IsRefused(string parameters)
    {
        var (query, errors) = TaskQueryParser.Parse(QueryHelpers.ParseQuery(parameters), Now);

        Assert.Null(query);
        Assert.Equal("sortby", Assert.Single(errors).Parameter);
    }

    [Fact]
    public void Parse_TaskWithoutSortBy_SortsLatestAttemptsFirst()
    {
        Assert.Equal(JobSort.TaskDefault, Valid("jeditaskid=31000").Sort);
    }

    [Fact]
    public void Parse_PagingParameters()
    {
        var query = Valid("display_limit=50&page=3&limit=500");

        Assert.Equal((50, 3, 500L, 100), (query.DisplayLimit, query.Page, query.Limit!.Value, query.Offset));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("summarysort=count", false)]
    [InlineData("summarysort=name", true)]
    public void Parse_SummarySort_CountByDefault(string parameters, bool byName)
    {
        Assert.Equal(byName, Valid(parameters).SummaryByName);
    }

    [Fact]
    public void Parse_ParameterNamesAreCaseInsensitive()
    {
        var filter = Assert.IsType<TextJobFilter>(Assert.Single(Valid("ComputingSite=CNAF-DS-1").Filters));

        Assert.Equal("computingsite", filter.Field.Column);
    }

    [Fact]
    public void Parse_ErrorMessage_AppliesToTheCodeComponentsInTheUrl()
    {
        var filter = Valid("piloterrorcode=1099&errormessage=Failed%20to%20stage-in")
            .Filters.OfType<ErrorMessageJobFilter>()
            .Single();

        Assert.Equal("piloterrordiag", Assert.Single(filter.Components).DiagColumn);
        Assert.Equal("Failed to stage-in", filter.Message);
        Assert.True(filter.Field.BlindOnly);
    }

    [Fact]
    public void CacheBusters_AreAcceptedAndIgnored_FullListSearchesAllOfHistory()
    {
        var busted = Parse("jobstatus=failed&timestamp=1733059200&_=17");
        var full = Parse("jobstatus=failed&fulllist=true");
        var bad = Parse("fulllist=maybe");

        Assert.True(busted.IsValid);
        Assert.Equal(Parse("jobstatus=failed").Query!.Window, busted.Query!.Window);
        Assert.True(full.Query!.Window.IsDeepQuery);
        Assert.Contains(
            bad.Errors,
            e =>
                e.Parameter == "fulllist"
                && e.Message.Contains("'maybe' is not true or false", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void AcceptedParameters_EveryOneIsAcceptedByTheParser()
    {
        foreach (var parameter in JobQueryParser.AcceptedParameters)
        {
            var value = parameter switch
            {
                "jobstatus" => "running",
                "priorityrange" => "1:2",
                "date_from" or "date_to" => "2026-06-01",
                "sortby" => "time",
                "summarysort" => "name",
                "mode" => "nodrop",
                "fulllist" => "true",
                "errormessage" => "x&piloterrorcode=1",
                "piloterrorcode" => "1",
                _ when JobFields.Find(parameter)
                        is { Kind: JobFieldKind.Text or JobFieldKind.TextContains or JobFieldKind.TextSubstring } =>
                    "x",
                _ => "1",
            };

            Assert.True(Parse($"{parameter}={value}").IsValid, parameter);
        }
    }
}
