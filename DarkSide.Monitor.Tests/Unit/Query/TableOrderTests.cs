using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.Tasks;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>
/// A page's second tables sort by their own parameter ({table}_sortby): a header changes that table's order and keeps
/// every other parameter, a bad value is named, and what a viewer may not see orders nothing.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class TableOrderTests
{
    private static UrlQuery Url(string pathAndQuery) => UrlQuery.FromUri("http://monitor" + pathAndQuery);

    [Fact]
    public void AHeader_ChangesItsOwnTable_AndKeepsThePageAndTheOtherOrders()
    {
        var errors = new List<ParameterError>();
        var url = Url("/task/31012?mode=nodrop&datasets_sortby=files&codes_sortby=error-asc");

        var codes = TableOrder.Read(JobErrorSort.Spec, url, errors);
        var retries = TableOrder.Read(TaskTables.RetryColumns.Spec, url, errors);

        Assert.Empty(errors);
        Assert.Equal("error-asc", codes.Sort.ToString());
        Assert.Equal("↑", codes.Mark(JobErrorSort.Error));
        Assert.Equal(
            "/task/31012?mode=nodrop&datasets_sortby=files&codes_sortby=error-desc",
            codes.Url(JobErrorSort.Error)
        );
        Assert.Equal(
            "/task/31012?mode=nodrop&datasets_sortby=files&codes_sortby=error-asc&retries_sortby=site-asc",
            retries.Url(TaskTables.Site)
        );
        Assert.Equal(TaskTables.RetryColumns.Spec.Default, retries.Sort);
    }

    [Fact]
    public void AValueThatIsNoOrder_IsNamedWithItsParameterAndKeys()
    {
        var errors = new List<ParameterError>();

        var order = TableOrder.Read(JobErrorSort.Spec, Url("/jobs?codes_sortby=size"), errors);

        Assert.Equal(JobErrorSort.Spec.Default, order.Sort);
        var error = Assert.Single(errors);
        Assert.Equal("codes_sortby", error.Parameter);
        Assert.Contains("'size' is not a sort order of this table; expected one of error, jobs,", error.Message);
    }

    [Theory]
    [InlineData("codes_sortby", true)]
    [InlineData("Files_SortBy", true)]
    [InlineData("sortby", false)]
    [InlineData("summarysort", false)]
    public void OnlyASecondTablesOrder_OrdersRowsAlreadyRead(string parameter, bool ordersShownRows)
    {
        Assert.Equal(ordersShownRows, TableSortSpec.OrdersShownRows(parameter));
    }

    [Fact]
    public void ARedactedJobsFileSizes_OrderNothing()
    {
        JobFile[] files =
        [
            new("input", null, null, "ready", 300, 1),
            new("output", null, null, null, 100, 1),
            new("log", null, null, "ready", 200, null),
        ];
        var bySize = new TableSort(JobPageTables.Size, true);

        var shown = JobPageTables.Files(bySize, files, redacted: false).Select(f => f.Size);
        var redacted = JobPageTables.Files(bySize, files, redacted: true).Select(f => f.Size);

        Assert.Equal([300L, 200L, 100L], shown);
        Assert.Equal([300L, 100L, 200L], redacted);
    }

    [Fact]
    public void ErrorCodes_SortByCodeWithinComponent_AndKeepTheirCommonestInTheHeadline()
    {
        JobErrorCount[] errors =
        [
            new("pilot", "piloterrorcode", 1099, 40, "Stage-in", "timeout", 1),
            new("exe", "exeerrorcode", 65, 12, null, null, 2),
            new("pilot", "piloterrorcode", 1305, 5, null, null, 3),
        ];

        var byError = JobErrorSort.Apply(new TableSort(JobErrorSort.Error, false), errors);
        var byDescription = JobErrorSort.Apply(new TableSort(JobErrorSort.Description, true), errors);

        Assert.Equal(["exe:65", "pilot:1099", "pilot:1305"], byError.Select(e => e.Key));
        Assert.Equal(["pilot:1099", "exe:65", "pilot:1305"], byDescription.Select(e => e.Key));
    }

    [Fact]
    public void ASecondTablesOrder_IsNotPartOfWhatThePageReads_TheMainOrderIs()
    {
        Assert.Equal(
            Url("/task/5?mode=nodrop").Selection,
            Url("/task/5?mode=nodrop&datasets_sortby=files&codes_sortby=error").Selection
        );
        Assert.NotEqual(Url("/jobs?sortby=time").Selection, Url("/jobs?sortby=pandaid").Selection);
        Assert.NotEqual(Url("/task/5").Selection, Url("/task/6").Selection);
    }
}
