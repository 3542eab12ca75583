using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Tests.Unit.Live;

/// <summary>Live feeds are shared by key: a crafted parameter must never land on another view's feed.</summary>
[Trait("Kind", "Unit")]
public sealed class LiveKeyTests
{
    private static readonly ViewerAccess Shifter = new("shifter", CanSeeBlindData: false);

    [Fact]
    public void AValueThatSpellsOtherParameters_IsItsOwnView()
    {
        KeyValuePair<string, string>[] crafted = [new("computingsite", "CNAF-DS-1&days=30&produsername=Marco Bianchi")];
        KeyValuePair<string, string>[] real =
        [
            new("computingsite", "CNAF-DS-1"),
            new("days", "30"),
            new("produsername", "Marco Bianchi"),
        ];

        Assert.NotEqual(LiveKey.For("usage", Shifter, real), LiveKey.For("usage", Shifter, crafted));
        Assert.NotEqual(LiveParameters.SharedKey(real, Shifter), LiveParameters.SharedKey(crafted, Shifter));
    }

    [Fact]
    public void TheSameParametersInAnotherOrder_ShareOneFeed_ButNotAcrossBlindClasses()
    {
        KeyValuePair<string, string>[] one = [new("days", "7"), new("computingsite", "CNAF-DS-1")];
        KeyValuePair<string, string>[] other = [new("ComputingSite", "CNAF-DS-1"), new("days", "7")];

        Assert.Equal(LiveKey.For("usage", Shifter, one), LiveKey.For("usage", Shifter, other));
        Assert.NotEqual(
            LiveKey.For("usage", Shifter, one),
            LiveKey.For("usage", Shifter with { CanSeeBlindData = true }, one)
        );
        Assert.NotEqual(
            LiveKey.For("usage", Shifter, one),
            LiveKey.For("usage", Shifter with { HidesBlindJobs = true }, one)
        );
        Assert.NotEqual(LiveKey.For("usage", Shifter, one), LiveKey.For("memory", Shifter, one));
    }

    [Fact]
    public void ASecondTablesOrder_SharesTheFeed_ButTheMainOrderDoesNot()
    {
        KeyValuePair<string, string>[] plain = [new("days", "7")];
        KeyValuePair<string, string>[] leaks = [new("days", "7"), new("leaks_sortby", "maxleak")];
        KeyValuePair<string, string>[] main = [new("days", "7"), new("sortby", "corehours")];

        Assert.Equal(LiveKey.For("memory", Shifter, plain), LiveKey.For("memory", Shifter, leaks));
        Assert.NotEqual(LiveKey.For("usage", Shifter, plain), LiveKey.For("usage", Shifter, main));
    }
}
