using DarkSide.Monitor.Features.Errors;
using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>sortby= as every table reads it: a key, a direction, header links that turn it round.</summary>
[Trait("Kind", "Unit")]
public sealed class TableSortTests
{
    [Theory]
    [InlineData("failurerate", "failurerate-desc")]
    [InlineData("FailureRate-ASC", "failurerate-asc")]
    [InlineData("site", "site-asc")]
    [InlineData("running-descending", "running-desc")]
    public void AKeyAlone_SortsNumbersLargestFirst_AndNamesFromA(string given, string read)
    {
        Assert.Equal(read, OverviewQuery.SiteSort.TryParse(given)!.ToString());
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("failurerate-up")]
    [InlineData("")]
    public void AnythingElse_IsNamedWithTheKeysItTakes(string given)
    {
        var errors = new List<ParameterError>();

        var sort = OverviewQuery.SiteSort.Parse(new Dictionary<string, string> { ["sortby"] = given }, errors);

        Assert.Equal(OverviewQuery.SiteSort.Default, sort);
        var error = Assert.Single(errors);
        Assert.Equal("sortby", error.Parameter);
        Assert.Contains("expected one of site, failurerate, ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeader_TurnsItsOwnColumnRound_AndStartsAnotherAtItsFirstDirection()
    {
        var spec = OverviewQuery.SiteSort;
        var byFailure = new TableSort("failurerate", true);

        Assert.Equal("failurerate-asc", spec.Next(byFailure, "failurerate").ToString());
        Assert.Equal("site-asc", spec.Next(byFailure, "site").ToString());
        Assert.Equal("failed-desc", spec.Next(byFailure, "failed").ToString());
        Assert.Equal("↓", TableSortSpec.Mark(byFailure, "failurerate"));
        Assert.Equal("", TableSortSpec.Mark(byFailure, "site"));
    }

    [Fact]
    public void RowsWithoutAValue_GoLast_WhicheverTheDirection()
    {
        var groups = new[]
        {
            new ErrorGroup("B", 1, 0, 0, 1),
            new ErrorGroup("A", 0, 0, 3, 3),
            new ErrorGroup("C", 1, 3, 0, 4),
        };

        string Order(string sortby) =>
            string.Concat(ErrorGroupSort.Sorted(groups, ErrorGroupSort.Spec.TryParse(sortby)!).Select(g => g.Value));

        // A has no final job, so no failure %.
        Assert.Equal("BCA", Order("failurerate-desc"));
        Assert.Equal("CBA", Order("failurerate-asc"));
        Assert.Equal("ABC", Order("name"));
    }

    [Theory]
    [InlineData("count", "errors-desc")]
    [InlineData("alpha", "name-asc")]
    [InlineData(null, "errors-desc")]
    [InlineData("failurerate", "failurerate-desc")]
    public void ErrorView_TakesBigPandasSortNames(string? given, string read)
    {
        var errors = new List<ParameterError>();

        Assert.Equal(read, ErrorGroupSort.Parse(given, errors).ToString());
        Assert.Empty(errors);
    }

    [Fact]
    public void SiteList_SortsOnlyOnTheListNotTheSitePage()
    {
        var now = new DateTime(2026, 12, 7, 7, 38, 0, DateTimeKind.Utc);

        var list = UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery("sortby=failurerate"), now, true);
        var site = UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery("sortby=failurerate"), now);

        Assert.Equal("failurerate-desc", list.Sort.ToString());
        Assert.Contains(site.Errors, e => e.Parameter == "sortby");
    }
}
