using DarkSide.Monitor.Features.Search;

namespace DarkSide.Monitor.Tests.Unit.Web;

[Trait("Kind", "Unit")]
public sealed class SearchTargetTests
{
    [Theory]
    [InlineData("6100650810", SearchKind.Number)]
    [InlineData(" 31373 ", SearchKind.Number)]
    [InlineData("ds20k.sim.ar39_tpc.v2.31373.002470", SearchKind.JobName)]
    [InlineData("user.mrossi.prun_noBuild.20241107/.13715", SearchKind.JobName)]
    [InlineData("ds20k.sim.ar39_tpc.v2.31373.*", SearchKind.TaskName)]
    [InlineData("ds20k.sim.ar39_tpc.v2*", SearchKind.TaskName)]
    [InlineData("Marco Rossi", SearchKind.User)]
    [InlineData("*rossi*", SearchKind.User)]
    [InlineData("1234567890123456789012", SearchKind.User)]
    [InlineData("", SearchKind.Nothing)]
    [InlineData(null, SearchKind.Nothing)]
    public void Classify_ReadsTheShape(string? text, SearchKind kind) =>
        Assert.Equal(kind, SearchTarget.Classify(text));

    [Fact]
    public void Targets_AreTheListsWithTheirOwnParameters()
    {
        Assert.Equal("/jobs?produsername=Marco%20Rossi", SearchTarget.ForText(SearchKind.User, " Marco Rossi "));
        Assert.Equal("/tasks?taskname=ds20k.sim*", SearchTarget.ForText(SearchKind.TaskName, "ds20k.sim*"));
        Assert.Equal("/job/42", SearchTarget.ForNumber(42, isJob: true, isTask: true));
        Assert.Equal("/task/42", SearchTarget.ForNumber(42, isJob: false, isTask: true));
        Assert.Equal("/jobs?pandaid=42", SearchTarget.ForNumber(42, isJob: false, isTask: false));
    }
}
