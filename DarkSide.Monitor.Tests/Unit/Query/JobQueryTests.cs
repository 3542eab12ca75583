using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>
/// A URL is parsed once per navigation; live refreshes move the parsed query in time, and the app's own typed
/// queries select what the same URL would.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class JobQueryTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static JobQuery Parse(string query) =>
        new JobQueryParser(new JobListOptions()).Parse(QueryHelpers.ParseQuery(query), Now).Query!;

    [Theory]
    [InlineData("?hours=12")]
    [InlineData("?days=3&computingsite=CNAF*")]
    [InlineData("")]
    public void At_SlidesADurationWindowWithTheClock(string url)
    {
        var later = Now.AddMinutes(7);
        var parsed = Parse(url);

        var moved = parsed.At(later);

        Assert.Equal(parsed.Window.FromUtc!.Value.AddMinutes(7), moved.Window.FromUtc);
        Assert.Equal(later, moved.AsOfUtc);
        Assert.Same(parsed.Filters, moved.Filters);
    }

    [Theory]
    [InlineData("?date_from=2026-06-01&date_to=2026-06-02")]
    [InlineData("?date_from=2026-06-10")]
    [InlineData("?jeditaskid=42")]
    public void At_LeavesADateRangeOrADeepQueryWhereItIs(string url)
    {
        var moved = Parse(url).At(Now.AddHours(5));

        Assert.Equal(Parse(url).Window, moved.Window);
        Assert.Equal(Now.AddHours(5), moved.AsOfUtc);
    }

    [Fact]
    public void ForTask_SelectsWhatTheTaskPagesJobListUrlSelects()
    {
        var url = Parse("?jeditaskid=42&mode=nodrop&display_limit=20&sortby=pandaid-descending");

        var typed = JobQuery.ForTask(42, dropRetried: false, rows: 20, Now);

        Assert.Equal(url with { Filters = [] }, typed with { Filters = [] });
        var parsedTask = Assert.IsType<NumberListJobFilter>(Assert.Single(url.Filters));
        var typedTask = Assert.IsType<NumberListJobFilter>(Assert.Single(typed.Filters));
        Assert.Equal(parsedTask.Field, typedTask.Field);
        Assert.Equal(parsedTask.Values, typedTask.Values);
    }

    [Fact]
    public void Between_SelectsWhatDateFromAndDateToSelect()
    {
        var url = Parse("?date_from=2026-06-14T12:00:00&date_to=2026-06-15T12:00:00");

        var typed = JobQuery.Between(Now.AddDays(-1), Now, url.DisplayLimit);

        Assert.Equal(url with { Filters = [] }, typed with { Filters = [] });
        Assert.Empty(typed.Filters);
    }

    [Fact]
    public void ForSite_SelectsTheSiteExactlyOverTheLastHours()
    {
        var url = Parse("?hours=24&computingsite=CNAF-DS-1");

        var typed = JobQuery.ForSite("CNAF-DS-1", 24, url.DisplayLimit, Now);

        Assert.Equal(url.Window, typed.Window);
        var site = Assert.IsType<TextJobFilter>(Assert.Single(typed.Filters));
        var parsed = Assert.IsType<TextJobFilter>(Assert.Single(url.Filters));
        Assert.Equal(parsed.Field, site.Field);
        Assert.Equal(parsed.Pattern.AnyOf.Single().Single(), site.Pattern.AnyOf.Single().Single());
    }

    [Fact]
    public void ForSite_TakesAWildcardInASiteNameLiterally()
    {
        var typed = JobQuery.ForSite("ODD*SITE", 24, 100, Now);

        var condition = Assert.IsType<TextJobFilter>(Assert.Single(typed.Filters)).Pattern.AnyOf.Single().Single();
        Assert.Equal(TextMatch.Equals, condition.Kind);
    }
}
