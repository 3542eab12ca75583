using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Filters;

namespace DarkSide.Monitor.Tests.Unit.Model;

[Trait("Kind", "Unit")]
public sealed class FilterFormTests
{
    private static readonly FilterBarSpec Jobs = JobFilters.ForJobs(new JobListOptions(), deepQuery: false);

    private static readonly FilterBarSpec Usage = new()
    {
        Path = "/usage",
        Fields = [new("computingsite", "Site")],
        Windows = FilterWindows.Days,
        Range = FilterRange.Days,
    };

    /// <summary>A day in December 2026: "this month" is December, "previous month" November.</summary>
    private static readonly DateTime Today = new(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc);

    private static List<KeyValuePair<string, string>> Parameters(params (string, string)[] values) =>
        values.Select(v => new KeyValuePair<string, string>(v.Item1, v.Item2)).ToList();

    [Fact]
    public void From_ReadsBigPandasParameters()
    {
        var form = FilterForm.From(
            Jobs,
            Parameters(
                ("hours", "12"),
                ("computingsite", "CNAF-DS-1"),
                ("jobstatus", "failed|holding"),
                ("jeditaskid", "42"),
                ("workinggroup", "AP_*")
            ),
            Today
        );

        Assert.Equal("hours=12", form.Window);
        Assert.Equal("CNAF-DS-1", form["computingsite"]);
        Assert.Equal("42", form["jeditaskid"]);
        Assert.Equal("AP_*", form["workinggroup"]);
        Assert.Equal(["failed", "holding"], form.Statuses);
    }

    [Fact]
    public void ToUrl_ReplacesTheWindowAndFilters_AndKeepsOtherParameters()
    {
        var current = Parameters(("date_from", "2026-06-01"), ("sortby", "priority"), ("page", "3"));
        var form = FilterForm.From(Jobs, current, Today);
        form.Window = "days=3";
        form["produsername"] = " alice ";

        Assert.Equal("/jobs?sortby=priority&produsername=alice&days=3", form.ToUrl(current));
    }

    [Fact]
    public void ToUrl_KeepsADateRange_WhenTheWindowIsLeftAlone()
    {
        var current = Parameters(("date_from", "2026-06-01"), ("date_to", "2026-06-02"));
        var form = FilterForm.From(Jobs, current, Today);
        form["computingsite"] = "CNAF*";

        Assert.Equal(FilterForm.RangeWindow, form.Window);
        Assert.Equal("/jobs?computingsite=CNAF*&date_from=2026-06-01&date_to=2026-06-02", form.ToUrl(current));
    }

    [Fact]
    public void ToUrl_WritesATypedRange_InPlaceOfHours()
    {
        var current = Parameters(("hours", "12"));
        var form = FilterForm.From(Jobs, current, Today);
        form.Window = FilterForm.RangeWindow;
        form.DateFrom = "2026-06-01T08:00";

        Assert.Equal("/jobs?date_from=2026-06-01T08:00", form.ToUrl(current));
    }

    [Fact]
    public void ToUrl_WritesTheOwnPagesPath_AndOnlyItsOwnFields()
    {
        var current = Parameters(("days", "30"), ("metric", "jobs"), ("produsername", "bob"));
        var form = FilterForm.From(Usage, current, Today);
        form["computingsite"] = "CNAF*";
        form.Window = "days=90";

        // produsername is not a field of this bar: it stays as the URL had it.
        Assert.Equal("/usage?metric=jobs&produsername=bob&computingsite=CNAF*&days=90", form.ToUrl(current));
    }

    [Fact]
    public void ToggleStatus_AddsAndRemovesOneState()
    {
        var current = Parameters(("jobstatus", "failed"));
        var form = FilterForm.From(Jobs, current, Today);

        Assert.Equal("/jobs?jobstatus=failed|running", form.ToggleStatusUrl(current, "running"));
        Assert.Equal("/jobs", form.ToggleStatusUrl(current, "failed"));
    }

    [Fact]
    public void CalendarDays_CountWholeDays_DateToBeingTheFirstDayNotCounted()
    {
        var form = FilterForm.From(Usage, Parameters(("date_from", "2026-10-01"), ("date_to", "2026-11-01")), Today);

        Assert.Equal((new DateTime(2026, 10, 1), new DateTime(2026, 10, 31)), form.CalendarDays);

        form.SetCalendarDays(new DateTime(2026, 11, 3), new DateTime(2026, 11, 3));
        Assert.Equal("/usage?date_from=2026-11-03&date_to=2026-11-04", form.ToUrl([]));
    }

    [Fact]
    public void CalendarDays_OfARangeEndingWithinADay_IncludeThatDay()
    {
        var form = FilterForm.From(
            Jobs,
            Parameters(("date_from", "2026-06-01T08:00"), ("date_to", "2026-06-02T06:00")),
            Today
        );

        Assert.Equal((new DateTime(2026, 6, 1), new DateTime(2026, 6, 2)), form.CalendarDays);
    }

    [Fact]
    public void WindowChoices_OfferTheUrlsOwnWindow_WhenItIsNotAQuickOne()
    {
        var form = FilterForm.From(Jobs, Parameters(("hours", "5")), Today);

        Assert.Equal(("hours=5", "hours 5"), form.WindowChoices.First());
        // The quick windows, this month and the previous one, and the URL's own.
        Assert.Equal(Jobs.Windows.Count + 3, form.WindowChoices.Count());
    }

    [Fact]
    public void BlindOnlyFields_AreOfferedOnlyToBlindViewers()
    {
        var spec = Usage with { Fields = [new("taskname", "Task name", BlindOnly: true), new("username", "User")] };

        Assert.Equal(["username"], spec.FieldsFor(canSeeBlindData: false).Select(f => f.Parameter));
        Assert.Equal(["taskname", "username"], spec.FieldsFor(canSeeBlindData: true).Select(f => f.Parameter));
    }

    [Theory]
    [InlineData(" 4123456789 ", "/job/4123456789", null)]
    [InlineData("41x", null, "'41x' is not a PandaID; expected a whole number such as 4123456789.")]
    [InlineData("-5", null, "'-5' is not a PandaID; expected a whole number such as 4123456789.")]
    public void PandaIdJump_GoesToTheJob_OrSaysWhatIsWrong(string text, string? url, string? error)
    {
        Assert.Equal((url, error), PandaIdJump.Target(text));
    }

    [Fact]
    public void Months_AreOfferedOnViewsThatTakeDates_AsTheirWholeUtcDays()
    {
        var form = FilterForm.From(Usage, [], Today);

        Assert.Contains((FilterForm.ThisMonth, "this month (December 2026)"), form.WindowChoices);
        Assert.Contains((FilterForm.PreviousMonth, "previous month (November 2026)"), form.WindowChoices);
        form.Window = FilterForm.PreviousMonth;
        Assert.Equal("/usage?date_from=2026-11-01&date_to=2026-12-01", form.ToUrl([]));
        form.Window = FilterForm.ThisMonth;
        Assert.Equal("/usage?date_from=2026-12-01", form.ToUrl([]));
    }

    [Fact]
    public void AMonthsDates_ReadBackAsThatMonth()
    {
        var previous = FilterForm.From(
            Usage,
            Parameters(("date_from", "2026-11-01"), ("date_to", "2026-12-01")),
            Today
        );
        var other = FilterForm.From(Usage, Parameters(("date_from", "2026-10-01"), ("date_to", "2026-11-01")), Today);

        Assert.Equal(FilterForm.PreviousMonth, previous.Window);
        Assert.Equal(FilterForm.RangeWindow, other.Window);
    }
}
