using DarkSide.Monitor.Features.Usage;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Unit.Query;

[Trait("Kind", "Unit")]
public sealed class UsageQueryParserTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 15, 30, 0, DateTimeKind.Utc);

    private static UsageParseResult Parse(string query, UsageView view = UsageView.Usage) =>
        UsageQueryParser.Parse(QueryHelpers.ParseQuery(query), Now, view);

    [Fact]
    public void NoWindow_IsTheLast30DaysIncludingToday()
    {
        var query = Parse("").Query!;

        Assert.Equal(new DateTime(2026, 10, 26), query.Window.From);
        Assert.Equal(new DateTime(2026, 11, 25), query.Window.To);
        Assert.Equal(30, query.Window.DayCount);
        Assert.Equal(UsageMetrics.CoreHours.Key, query.Metric);
        Assert.Equal(UsageSort.Default, query.Sort);
    }

    [Fact]
    public void DateRange_EndsBeforeDateTo_AsInTheJobList()
    {
        var query = Parse(
            "date_from=2026-10-01&date_to=2026-11-01&computingsite=CNAF-DS-1&activity=analysis&sortby=failurerate-asc"
        ).Query!;

        Assert.Equal(31, query.Window.DayCount);
        Assert.Equal("2026-10-01 to 2026-10-31 (UTC)", query.Window.Text);
        Assert.Equal(
            [("computingsite", "CNAF-DS-1"), ("activity", "analysis")],
            query.Filters.Select(f => (f.Dimension.Parameter, f.Value))
        );
        Assert.Equal(new UsageSort("failurerate", false), query.Sort);
    }

    [Theory]
    [InlineData("days=0", "days", "from 1 to 90")]
    [InlineData("days=91", "days", "from 1 to 90")]
    [InlineData("days=7&date_from=2026-10-01", "days", "either a number of days or a date range")]
    [InlineData("date_from=2026-10-01T10:00", "date_from", "a UTC day such as 2026-10-01")]
    [InlineData("date_from=2026-11-01&date_to=2026-10-01", "date_from", "date_from < date_to")]
    [InlineData("date_from=2024-01-01&date_to=2026-01-01", "date_to", "at most 366")]
    [InlineData("metric=watts", "metric", "corehours, jobs")]
    [InlineData("sortby=colour", "sortby", "failurerate")]
    [InlineData("activity=physics", "activity", "production, analysis, other")]
    [InlineData("jeditaskid=5", "jeditaskid", "is not a parameter of this view")]
    [InlineData("computingsite=A&computingsite=B", "computingsite", "more than once")]
    [InlineData("computingsite=%00", "computingsite", "control character U+0000")]
    [InlineData("computingsite=A||B", "computingsite", "CNAF* (wildcard), A|B (either), !A (not)")]
    [InlineData("produsername=", "produsername", "the job list's grammar")]
    public void BadParameter_IsNamed_WithWhatIsExpected(string query, string parameter, string expected)
    {
        var result = Parse(query);

        Assert.Null(result.Query);
        var error = Assert.Single(result.Errors, e => e.Parameter == parameter);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_KeepTheJobListsGrammar_AsTyped()
    {
        var query = Parse("computingsite=CNAF*|!INFN-T1&workinggroup=Not%20specified").Query!;

        Assert.Equal(
            [("computingsite", "CNAF*|!INFN-T1"), ("workinggroup", "Not specified")],
            query.Filters.Select(f => (f.Dimension.Parameter, f.Value))
        );
    }

    [Fact]
    public void SiteList_FiltersOnSites_ButASitePageDoesNot()
    {
        var sites = UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery("computingsite=CNAF*"), Now, true);

        Assert.Equal("CNAF*", sites.Window!.SiteFilter);
        Assert.Equal("CNAF*", sites.Window.At(Now.AddHours(1)).SiteFilter);
        Assert.Contains(
            UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery("computingsite=A||B"), Now, true).Errors,
            e => e.Parameter == "computingsite"
        );
    }

    [Fact]
    public void SiteWindow_TakesAFixedRange_Exactly()
    {
        var parsed = UsageQueryParser.ParseSiteWindow(
            QueryHelpers.ParseQuery("date_from=2026-11-20T10:30&date_to=2026-11-21"),
            Now
        );

        var window = parsed.Window!;
        Assert.True(window.IsRange);
        Assert.Equal((new DateTime(2026, 11, 20, 10, 30, 0), new DateTime(2026, 11, 21)), (window.From, window.AsOf));
        Assert.Equal(14, window.Hours);
        Assert.Equal(window, window.At(Now.AddHours(3)));
        Assert.Equal(new DateTime(2026, 11, 21), window.To);
        // Every window parser names the same parameter for the same mistake (TimeWindowParser).
        foreach (
            var (bad, parameter) in new[]
            {
                ("days=2&date_from=2026-11-20", "days"),
                ("date_from=2026-11-21&date_to=2026-11-20", "date_from"),
                ("date_from=2026-01-01", "date_from"),
            }
        )
        {
            Assert.Contains(
                UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery(bad), Now).Errors,
                e => e.Parameter == parameter
            );
        }
    }

    [Fact]
    public void MemoryView_GroupsByTransformationOrSite_AndFiltersOnlyWhatItsRollupsKnow()
    {
        Assert.Equal(UsageDimensions.ComputingSite, Parse("by=computingsite", UsageView.Memory).Query!.MemoryBy);
        Assert.Contains(Parse("by=user", UsageView.Memory).Errors, e => e.Parameter == "by");
        Assert.Contains(Parse("produsername=arossi", UsageView.Memory).Errors, e => e.Parameter == "produsername");
        Assert.Contains(Parse("metric=jobs", UsageView.Memory).Errors, e => e.Parameter == "metric");
    }

    [Fact]
    public void SiteWindow_RollsBackFromNow_Exactly_AsTheJobListDoes()
    {
        var window = UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery("hours=36"), Now).Window!;

        Assert.Equal(new DateTime(2026, 11, 23, 3, 30, 0), window.From);
        Assert.Equal(36, window.Hours);
        Assert.Contains(
            UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery("hours=12&days=1"), Now).Errors,
            e => e.Parameter == "days"
        );
        Assert.Contains(
            UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery("computingsite=X"), Now).Errors,
            e => e.Parameter == "computingsite"
        );
    }

    [Fact]
    public void JobLinks_CarryTheDaysAndFiltersInTheJobListsGrammar()
    {
        var link = UsageJobLinks.Jobs(
            new DateTime(2026, 10, 1),
            new DateTime(2026, 11, 1),
            [
                (UsageDimensions.Activity, "other"),
                (UsageDimensions.ComputingSite, ""),
                (UsageDimensions.ResourceType, "MCORE"),
            ],
            "failed"
        );

        Assert.Equal(
            "/jobs?date_from=2026-10-01&date_to=2026-11-01&prodsourcelabel=!managed,!prod_test,!user,!panda"
                + "&computingsite=Not%20specified&resourcetype=MCORE&jobstatus=failed",
            link
        );
        Assert.EndsWith(
            "&jobstatus=finished|failed|cancelled|closed",
            UsageJobLinks.Jobs(new DateTime(2026, 10, 1), new DateTime(2026, 10, 2), []),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void UsageViewModel_SortLinkFlipsTheCurrentColumn_AndKeepsTheRestOfTheUrl()
    {
        var model = new UsageViewModel(new FixedNow());
        model.Read("http://monitor/usage?days=7&computingsite=RAL-DS&sortby=jobs-desc");

        Assert.Equal("/usage?days=7&computingsite=RAL-DS&sortby=jobs-asc", model.SortLink("jobs"));
        Assert.Equal("/usage?days=7&computingsite=RAL-DS&sortby=corehours-desc", model.SortLink("corehours"));
        Assert.Equal(
            "/usage/csv?days=7&computingsite=RAL-DS&sortby=jobs-desc&table=produsername",
            model.CsvLink("produsername")
        );
        Assert.Equal(
            "/usage?days=7&sortby=jobs-desc&computingsite=LNGS-DS",
            model.DrillDown(UsageDimensions.ComputingSite, "LNGS-DS")
        );
    }

    private sealed class FixedNow : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
