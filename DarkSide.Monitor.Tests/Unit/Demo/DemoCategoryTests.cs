using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Tests.Unit.Demo;

[Trait("Kind", "Unit")]
public sealed class DemoCategoryTests
{
    [Theory]
    [InlineData("pilot", 1099, "File and Storage Issues")]
    [InlineData("pilot", 1212, "Runtime Failures and Resource Violations")]
    [InlineData("pilot", 1213, "Runtime Failures and Resource Violations")]
    [InlineData("pilot", 1201, "Job Termination and Kill Signals")]
    [InlineData("jobdispatcher", 100, "Network and Communication Errors")]
    [InlineData("pilot", 1377, "Software and Environment Issues")]
    public void DemoErrors_AreFiledUnderPandasCategory(string component, int code, string category)
    {
        var error = DemoCatalog.Failures.First(e => e.Component == component && e.Code == code);

        Assert.Equal(category, ErrorCategories.Name(DemoCatalog.Category(error)));
    }

    [Fact]
    public void EveryDemoError_HasAKnownCategory() =>
        Assert.All(DemoCatalog.Failures, e => Assert.InRange(DemoCatalog.Category(e), 1, 5));
}
