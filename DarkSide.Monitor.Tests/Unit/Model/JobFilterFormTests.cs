using DarkSide.Monitor.Features.JobList;

namespace DarkSide.Monitor.Tests.Unit.Model;

[Trait("Kind", "Unit")]
public sealed class JobFilterFormTests
{
    private static List<KeyValuePair<string, string>> Parameters(params (string, string)[] values) =>
        values.Select(v => new KeyValuePair<string, string>(v.Item1, v.Item2)).ToList();

    [Fact]
    public void From_ReadsBigPandasParameters()
    {
        var form = JobFilterForm.From(
            Parameters(
                ("hours", "12"),
                ("computingsite", "CNAF-DS-1"),
                ("jobstatus", "failed|holding"),
                ("jeditaskid", "42")
            )
        );

        Assert.Equal("hours=12", form.Window);
        Assert.Equal("CNAF-DS-1", form.Site);
        Assert.Equal("42", form.Task);
        Assert.Equal(["failed", "holding"], form.Statuses);
    }

    [Fact]
    public void ToUrl_ReplacesTheWindowAndFilters_AndKeepsOtherParameters()
    {
        var current = Parameters(("date_from", "2026-06-01"), ("sortby", "priority"), ("page", "3"));
        var form = JobFilterForm.From(current);
        form.Window = "days=3";
        form.User = " alice ";

        Assert.Equal("/jobs?sortby=priority&produsername=alice&days=3", form.ToUrl(current));
    }

    [Fact]
    public void ToUrl_KeepsADateRange_WhenTheWindowIsLeftAlone()
    {
        var current = Parameters(("date_from", "2026-06-01"), ("date_to", "2026-06-02"));
        var form = JobFilterForm.From(current);
        form.Site = "CNAF*";

        Assert.Equal(JobFilterForm.RangeWindow, form.Window);
        Assert.Equal("/jobs?computingsite=CNAF*&date_from=2026-06-01&date_to=2026-06-02", form.ToUrl(current));
    }

    [Fact]
    public void ToUrl_WritesATypedRange_InPlaceOfHours()
    {
        var current = Parameters(("hours", "12"));
        var form = JobFilterForm.From(current);
        form.Window = JobFilterForm.RangeWindow;
        form.DateFrom = "2026-06-01T08:00";

        Assert.Equal("/jobs?date_from=2026-06-01T08:00", form.ToUrl(current));
    }

    [Fact]
    public void ToggleStatus_AddsAndRemovesOneState()
    {
        var current = Parameters(("jobstatus", "failed"));
        var form = JobFilterForm.From(current);

        Assert.Equal("/jobs?jobstatus=failed|running", form.ToggleStatusUrl(current, "running"));
        Assert.Equal("/jobs", form.ToggleStatusUrl(current, "failed"));
    }

    [Theory]
    [InlineData(" 4123456789 ", "/job/4123456789", null)]
    [InlineData("41x", null, "'41x' is not a PandaID; expected a whole number such as 4123456789.")]
    [InlineData("-5", null, "'-5' is not a PandaID; expected a whole number such as 4123456789.")]
    public void PandaIdJump_GoesToTheJob_OrSaysWhatIsWrong(string text, string? url, string? error)
    {
        Assert.Equal((url, error), JobFilterForm.PandaIdJump(text));
    }
}
