using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Preferences;

namespace DarkSide.Monitor.Tests.Unit.Live;

/// <summary>A viewer's refresh choice: which of the shared feed's values a page takes.</summary>
[Trait("Kind", "Unit")]
public sealed class LiveThrottleTests
{
    private static readonly DateTime Applied = new(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);

    private static LiveState<string> At(int seconds, string? problem = null) =>
        new("rows", Applied.AddSeconds(seconds), problem, 1);

    [Theory]
    [InlineData(LiveRefresh.Live, 5, false)]
    [InlineData(LiveRefresh.Every30Seconds, 5, true)]
    [InlineData(LiveRefresh.Every30Seconds, 25, true)]
    [InlineData(LiveRefresh.Every30Seconds, 30, false)]
    [InlineData(LiveRefresh.EveryMinute, 55, true)]
    [InlineData(LiveRefresh.EveryMinute, 60, false)]
    public void AValue_IsTakenOnceTheChosenTimeHasPassed(LiveRefresh refresh, int seconds, bool skipped)
    {
        Assert.Equal(skipped, LiveThrottle.TooSoon(refresh, Applied, At(seconds)));
    }

    [Fact]
    public void TheFirstValue_AndAProblem_AlwaysComeThrough()
    {
        Assert.False(LiveThrottle.TooSoon(LiveRefresh.EveryMinute, null, At(5)));
        Assert.False(
            LiveThrottle.TooSoon(LiveRefresh.EveryMinute, Applied, At(5, "PanDA's database is not answering"))
        );
    }

    [Theory]
    [InlineData("live", LiveRefresh.Live)]
    [InlineData("30", LiveRefresh.Every30Seconds)]
    [InlineData("60", LiveRefresh.EveryMinute)]
    [InlineData("off", LiveRefresh.Off)]
    [InlineData("5", LiveRefresh.Live)]
    [InlineData("", LiveRefresh.Live)]
    public void TheChoice_IsReadFromItsCookie_AnythingElseIsLive(string cookie, LiveRefresh read)
    {
        var preferences = ViewerPreferences.From([new("dsm-refresh", cookie)]);

        Assert.Equal(read, preferences.Refresh);
    }
}
