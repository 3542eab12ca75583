using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Features.Audit;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>The audit trail's URL: every bad parameter is named with what is expected, none crashes the page.</summary>
[Trait("Kind", "Unit")]
public sealed class AuditQueryTests
{
    [Theory]
    [InlineData("2147483647")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("99999999999999999999")]
    [InlineData("1e3")]
    public void Page_OutOfRange_IsNamed(string page)
    {
        var query = AuditQuery.Parse(null, null, null, page);

        var problem = Assert.Single(query.Problems);
        Assert.Equal($"page '{page}' is not valid; expected a whole number from 1 to 10000.", problem);
        Assert.Equal(1, query.Page);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-1")]
    [InlineData("3651")]
    public void Days_OutOfRange_IsNamed(string days)
    {
        var problem = Assert.Single(AuditQuery.Parse(null, null, days, null).Problems);

        Assert.StartsWith(
            $"days '{days}' is not valid; expected a whole number from 1 to 3650",
            problem,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void ControlCharacters_AndUnknownActions_AreRefused()
    {
        var query = AuditQuery.Parse("ana\0lyst", "peek", null, null);

        Assert.Equal(2, query.Problems.Count);
        Assert.Contains("user contains a control character; expected printable text.", query.Problems);
        Assert.Contains(
            query.Problems,
            p => p.StartsWith("action 'peek' is not an audited action", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void AValidSelection_IsReadAsGiven()
    {
        var query = AuditQuery.Parse("analyst", AuditActions.BlindList, "30", "3");

        Assert.Empty(query.Problems);
        Assert.Equal(("analyst", "blind-list", 30, 3), (query.User, query.Action, query.Days, query.Page));
    }

    [Theory]
    [InlineData("7", "2026-11-01", null, "days cannot be combined with date_from/date_to")]
    [InlineData(null, "yesterday", null, "date_from 'yesterday' is not a date")]
    [InlineData(
        null,
        "2026-11-02",
        "2026-11-01",
        "date_from 2026-11-02 00:00:00 is not before date_to 2026-11-01 00:00:00"
    )]
    public void DateRange_IsCheckedLikeTheJobLists(string? days, string? from, string? to, string problem)
    {
        Assert.StartsWith(problem, Assert.Single(AuditQuery.Parse(null, null, days, null, from, to).Problems));
    }

    [Fact]
    public void DateRange_IsRead_AsUtc()
    {
        var query = AuditQuery.Parse("ali*", null, null, null, "2026-11-01T08:00", "2026-11-02");

        Assert.Empty(query.Problems);
        Assert.Equal(
            (new DateTime(2026, 11, 1, 8, 0, 0), new DateTime(2026, 11, 2)),
            (query.DateFrom!.Value, query.DateTo!.Value)
        );
    }
}
