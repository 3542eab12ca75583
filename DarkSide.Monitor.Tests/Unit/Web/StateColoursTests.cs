using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Preferences;
using MudBlazor;

namespace DarkSide.Monitor.Tests.Unit.Web;

[Trait("Kind", "Unit")]
public sealed class StateColoursTests
{
    [Theory]
    [InlineData("finished", "#207f20")]
    [InlineData("failed", "#ff0000")]
    [InlineData("running", "#34a934")]
    [InlineData("activated", "#3b8e67")]
    [InlineData("defined", "#2174bb")]
    [InlineData("holding", "#ff9933")]
    [InlineData("cancelled", "#e67300")]
    [InlineData("closed", "#4a4a4a")]
    [InlineData("staging", "#934fff")]
    public void States_HaveBigPandasHues(string state, string hue) => Assert.Equal(hue, StateColours.For(state));

    [Fact]
    public void EveryBadge_HasTextWithAtLeast4Point5ToOneContrast()
    {
        Assert.All(
            StateColours.ByState,
            s =>
                Assert.True(
                    StateColours.Contrast(s.Value, StateColours.TextOn(s.Value) == "#000" ? "#000000" : "#ffffff")
                        >= 4.5,
                    $"{s.Key}: text on {s.Value}"
                )
        );
    }

    [Fact]
    public void Css_HasARulePerState_ForJobsAndTasks()
    {
        Assert.Contains(".jobstatus-failed,.taskstatus-failed{background:#ff0000;color:#000}", StateColours.Css);
        Assert.Contains(".jobstatus-finished,.taskstatus-finished{background:#207f20;color:#fff}", StateColours.Css);
        Assert.Equal(
            StateColours.ByState.Count,
            StateColours.Css.Split('}', StringSplitOptions.RemoveEmptyEntries).Length
        );
    }

    [Fact]
    public void Contrast_IsWcags()
    {
        Assert.Equal(21, StateColours.Contrast("#000000", "#ffffff"), 3);
        Assert.Equal(1, StateColours.Contrast("#777777", "#777777"), 3);
        Assert.Equal(4.48, StateColours.Contrast("#777777", "#ffffff"), 2);
    }

    [Fact]
    public void ChartTheme_TakesTheDarkPalettesText_OnAnOpaqueBackground()
    {
        var theme = new MudTheme();
        var dark = ChartTheme.From(theme, dark: true);
        var light = ChartTheme.From(theme, dark: false);

        Assert.NotEqual(light.Text, dark.Text);
        Assert.Equal(
            theme.PaletteDark.Surface.ToString(MudBlazor.Utilities.MudColorOutputFormats.RGBA),
            dark.Background
        );
        Assert.EndsWith(",1)", dark.Background, StringComparison.Ordinal);
    }

    [Fact]
    public void Preferences_TakeOnlyWhatPreferencesJsWrites()
    {
        var preferences = ViewerPreferences.From([
            new("dsm-theme", "dark"),
            new("dsm-open-job-attributes", "closed"),
            new("dsm-open-job-errors", "open"),
            new("dsm-open-<script>", "closed"),
            new("other", "x"),
        ]);

        Assert.True(preferences.DarkMode);
        Assert.False(preferences.IsOpen("job-attributes"));
        Assert.True(preferences.IsOpen("job-errors"));
        Assert.Equal(["job-attributes"], preferences.ClosedPanels);
        Assert.Null(ViewerPreferences.From([new("dsm-theme", "purple")]).DarkMode);
    }
}
