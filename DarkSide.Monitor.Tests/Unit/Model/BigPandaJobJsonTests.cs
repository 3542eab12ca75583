using System.Text.Json;
using DarkSide.Monitor.Features.Api;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Tests.Unit.Model;

/// <summary>
/// The job JSON's values that BigPanDA rewrites (docs/bigpanda-compatibility.md): eventservice by name, wn and
/// produsername never empty, and the selection summary's transformations cut to their last segment.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class BigPandaJobJsonTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    // A job as PanDA's reader gives it: every column present, NULL where it was never set.
    private static JobListRow Job(params (string Column, object? Value)[] set)
    {
        var columns = PandaJobColumns.All.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal);
        foreach (var (column, value) in set)
        {
            columns[column] = value;
        }

        return new JobListRow
        {
            PandaId = 4_000_001,
            PandaTable = "jobsarchived4",
            IsBlind = false,
            IsRedacted = false,
            JobStatus = "finished",
            ProdUserName = columns["produsername"] as string,
            ProdUserId = columns["produserid"] as string,
            CreationTime = Now.AddHours(-2),
            ModificationTime = Now,
            Columns = columns,
        };
    }

    [Theory]
    [InlineData(null, null, "ordinary")]
    [InlineData((short)0, null, "ordinary")]
    [InlineData((short)1, null, "ordinary")]
    [InlineData((short)1, "eventservice", "eventservice")]
    [InlineData((short)2, "esmerge", "esmerge")]
    [InlineData((short)4, "ddm:rucio", "jumbo")]
    [InlineData((short)6, "eventservice,ddm:rucio", "finegrained")]
    [InlineData((short)1, "eventservice,sc:1", "ordinary")]
    [InlineData((short)0, "ddm:rucio", "ordinary")]
    public void EventService_IsNamedForEventServiceJobs_AndOrdinaryForEveryOther(
        short? eventService,
        string? specialHandling,
        string expected
    )
    {
        var json = JobJson.From(Job(("eventservice", eventService), ("specialhandling", specialHandling)), Now);

        Assert.Equal(expected, json["eventservice"]);
    }

    [Fact]
    public void AnEventServiceTypeWithoutAName_StaysItsNumber()
    {
        var json = JobJson.From(Job(("eventservice", (short)9), ("specialhandling", "eventservice")), Now);

        Assert.Equal((short)9, json["eventservice"]);
    }

    [Fact]
    public void WorkerNode_IsTheHostWithoutItsSlot_OrUnknown()
    {
        Assert.Equal("Unknown", JobJson.From(Job(), Now)["wn"]);
        Assert.Equal("Unknown", JobJson.From(Job(("modificationhost", "")), Now)["wn"]);
        Assert.Equal(
            "wn-07-11.cr.cnaf.infn.it",
            JobJson.From(Job(("modificationhost", "slot1_3@wn-07-11.cr.cnaf.infn.it")), Now)["wn"]
        );
        Assert.Equal("wn-07-12", JobJson.From(Job(("modificationhost", "wn-07-12")), Now)["wn"]);
    }

    [Fact]
    public void ProdUserName_FallsBackToProdUserId_ThenUnknown()
    {
        const string dn = "/DC=ch/DC=cern/OU=Users/CN=mrossi";
        Assert.Equal(
            "Marco Rossi",
            JobJson.From(Job(("produsername", "Marco Rossi"), ("produserid", dn)), Now)["produsername"]
        );
        Assert.Equal(dn, JobJson.From(Job(("produserid", dn)), Now)["produsername"]);
        Assert.Equal("Unknown", JobJson.From(Job(("produsername", "")), Now)["produsername"]);
    }

    [Fact]
    public void SelectionSummary_NamesTransformationsByTheirLastSegment_CountingPathsThatEndAlikeAsOne()
    {
        var summary = new JobSelectionSummary(
            [
                new JobAttributeCounts(
                    "transformation",
                    "Transformation",
                    [
                        new JobAttributeValue("http://pandaserver-doma.cern.ch:25080/trf/user/runGen-00-00-02", 5),
                        new JobAttributeValue("https://cern.ch/trf/user/runGen-00-00-02", 4),
                        new JobAttributeValue("http://pandaserver-doma.cern.ch:25080/trf/user/buildGen-00-00-01", 7),
                        new JobAttributeValue(null, 1),
                    ]
                ),
                new JobAttributeCounts("computingsite", "Site", [new JobAttributeValue("CNAF-DS-1/x", 2)]),
            ],
            []
        );

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(SelectionJson.SelectionSummary(summary)));

        var lists = json
            .RootElement.EnumerateArray()
            .ToDictionary(a => a.GetProperty("field").GetString()!, a => a.GetProperty("list"));
        Assert.Equal(
            [("runGen-00-00-02", 9L), ("buildGen-00-00-01", 7L), ("Not specified", 1L)],
            lists["transformation"]
                .EnumerateArray()
                .Select(v => (v.GetProperty("kname").GetString(), v.GetProperty("kvalue").GetInt64()))
        );
        Assert.Equal("CNAF-DS-1/x", lists["computingsite"][0].GetProperty("kname").GetString());
    }
}
