using System.Globalization;
using DarkSide.Monitor.Features.Audit;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>
/// The one window parser, once as a table: each view's policy (jobs, tasks, usage, sites, audit), the window it
/// reads, and the same message for the same mistake wherever it is made.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class TimeWindowParserTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 15, 40, 0, DateTimeKind.Utc);

    private static WindowPolicy Policy(string view) =>
        view switch
        {
            "jobs" => new JobQueryParser(new JobListOptions()).Policy,
            "tasks" => TaskQueryParser.Policy,
            "usage" => UsageQueryParser.UsagePolicy,
            "sites" => UsageQueryParser.SitePolicy,
            "audit" => AuditQuery.Policy,
            _ => throw new ArgumentOutOfRangeException(nameof(view)),
        };

    private static string Describe(TimeWindow window) =>
        window switch
        {
            { IsDeep: true } => "deep",
            { IsRange: true } => $"range {Minute(window.FromUtc!.Value)} to "
                + (window.ToUtc is { } to ? Minute(to) : "now"),
            _ => string.Create(
                CultureInfo.InvariantCulture,
                $"{window.DurationParameter}={window.DurationCount}{(window.IsDefault ? " (default)" : "")}"
            ),
        };

    private static string Minute(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static (TimeWindow? Window, List<ParameterError> Errors) Parse(
        string view,
        string query,
        bool liftsWindow = false
    )
    {
        var errors = new List<ParameterError>();
        var values = QueryValues.ReadSingle(QueryHelpers.ParseQuery(query), errors);
        return (TimeWindowParser.Parse(values, Policy(view), Now, errors, liftsWindow), errors);
    }

    [Theory]
    [InlineData("jobs", "", false, "hours=168 (default)")]
    [InlineData("jobs", "hours=6", false, "hours=6")]
    [InlineData("jobs", "days=2", false, "days=2")]
    [InlineData("tasks", "", false, "days=7 (default)")]
    [InlineData("usage", "", false, "days=30 (default)")]
    [InlineData("sites", "", false, "days=7 (default)")]
    [InlineData("audit", "days=30", false, "days=30")]
    [InlineData("jobs", "", true, "deep")]
    [InlineData("tasks", "", true, "deep")]
    [InlineData("jobs", "hours=6", true, "hours=6")]
    [InlineData("jobs", "date_from=2026-11-01", true, "range 2026-11-01 00:00 to now")]
    [InlineData("jobs", "date_from=2026-11-01T10:30", false, "range 2026-11-01 10:30 to now")]
    [InlineData("jobs", "date_to=2026-11-10", false, "range 2026-11-03 00:00 to 2026-11-10 00:00")]
    [InlineData("tasks", "date_to=2026-11-10", false, "range 2026-11-03 00:00 to 2026-11-10 00:00")]
    [InlineData(
        "audit",
        "date_from=2026-11-01&date_to=2026-11-02",
        false,
        "range 2026-11-01 00:00 to 2026-11-02 00:00"
    )]
    // Whole days: without date_to a range ends with today, fixed; without date_from it starts the default before.
    [InlineData("usage", "date_from=2026-11-01", false, "range 2026-11-01 00:00 to 2026-11-24 00:00")]
    [InlineData("usage", "date_to=2026-11-10", false, "range 2026-10-11 00:00 to 2026-11-10 00:00")]
    // hours= is not the usage view's: the view refuses it as unknown, the window ignores it.
    [InlineData("usage", "hours=5", false, "days=30 (default)")]
    public void TheWindow_IsReadUnderTheViewsPolicy(string view, string query, bool liftsWindow, string expected)
    {
        var (window, errors) = Parse(view, query, liftsWindow);

        Assert.Empty(errors);
        Assert.Equal(expected, Describe(window!));
    }

    [Theory]
    [InlineData("jobs", "hours=1&days=1", "days: cannot be combined with hours; give one of them.")]
    [InlineData("sites", "hours=1&days=1", "days: cannot be combined with hours; give one of them.")]
    [InlineData(
        "jobs",
        "hours=1&date_from=2026-06-01",
        "hours: cannot be combined with date_from/date_to; give either a number of hours or a date range."
    )]
    [InlineData(
        "tasks",
        "days=2&date_to=2026-06-01",
        "days: cannot be combined with date_from/date_to; give either a number of days or a date range."
    )]
    [InlineData(
        "usage",
        "days=7&date_from=2026-06-01",
        "days: cannot be combined with date_from/date_to; give either a number of days or a date range."
    )]
    [InlineData("jobs", "hours=0", "hours: '0' is not valid; expected a whole number from 1 to 87600.")]
    [InlineData("jobs", "days=3651", "days: '3651' is not valid; expected a whole number from 1 to 3650.")]
    [InlineData("usage", "days=91", "days: '91' is not valid; expected a whole number from 1 to 90.")]
    [InlineData("sites", "hours=2161", "hours: '2161' is not valid; expected a whole number from 1 to 2160.")]
    [InlineData("audit", "days=x", "days: 'x' is not valid; expected a whole number from 1 to 3650.")]
    [InlineData(
        "jobs",
        "date_from=yesterday",
        "date_from: 'yesterday' is not a date; expected UTC as 2026-03-15, 2026-03-15T10:00 or 2026-03-15T10:00:00."
    )]
    [InlineData(
        "usage",
        "date_from=2026-10-01T10:00",
        "date_from: '2026-10-01T10:00' is not a date; expected a UTC day such as 2026-10-01 (this view counts whole "
            + "days)."
    )]
    [InlineData(
        "sites",
        "date_to=0001-01-01",
        "date_to: '0001-01-01' is outside the dates accepted; expected a UTC date from 1970-01-01 to 2999-12-31."
    )]
    [InlineData(
        "jobs",
        "date_from=2026-06-02&date_to=2026-06-01",
        "date_from: 2026-06-02 00:00:00 is not before date_to 2026-06-01 00:00:00; expected date_from < date_to (UTC)."
    )]
    [InlineData(
        "jobs",
        "date_from=2026-12-01",
        "date_from: 2026-12-01 00:00:00 is not before date_to 2026-11-23 15:40:00; expected date_from < date_to (UTC)."
    )]
    [InlineData(
        "usage",
        "date_from=2026-11-02&date_to=2026-11-01",
        "date_from: 2026-11-02 is not before date_to 2026-11-01; expected date_from < date_to (date_to is the first "
            + "day not counted)."
    )]
    [InlineData(
        "usage",
        "date_from=2024-01-01&date_to=2026-01-01",
        "date_to: the range 2024-01-01 to 2026-01-01 is 731 days; expected at most 366."
    )]
    [InlineData(
        "sites",
        "date_from=2026-01-01",
        "date_from: the range 2026-01-01 00:00:00 to 2026-11-23 15:40:00 is 327 days; expected at most 90."
    )]
    public void AMistake_IsNamed_TheSameWayInEveryView(string view, string query, string expected)
    {
        var (window, errors) = Parse(view, query);

        Assert.Null(window);
        Assert.Equal(expected, Assert.Single(errors).ToString());
    }

    [Fact]
    public void ADuration_SlidesWithTheClock_ARangeStays()
    {
        var later = Now.AddHours(5);
        var duration = Parse("jobs", "hours=6").Window!;
        var range = Parse("jobs", "date_from=2026-11-01&date_to=2026-11-02").Window!;

        Assert.Equal((later.AddHours(-6), (DateTime?)null), (duration.At(later).FromUtc, duration.At(later).ToUtc));
        Assert.Equal(range, range.At(later));
        Assert.Equal(TimeWindow.Deep, TimeWindow.Deep.At(later));
    }
}
