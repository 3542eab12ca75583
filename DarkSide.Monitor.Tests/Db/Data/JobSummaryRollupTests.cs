using System.Text.Json;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// Summaries served from the rollups for jobsarchived4's whole hours are the summaries read from PanDA alone: the
/// same counts, examples and samples, for every kind of viewer, over the seeded history and PanDA's own rows.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class JobSummaryRollupTests(SeededPandaFixture fixture)
{
    private static readonly ViewerAccess Hides = new("carol", CanSeeBlindData: false) { HidesBlindJobs = true };

    public static TheoryData<string, string> ServedViews()
    {
        var data = new TheoryData<string, string>();
        string[] queries =
        [
            "",
            "days=3",
            "hours=30",
            "hours=5",
            "days=5&jobstatus=failed",
            "days=4&jobstatus=finished|failed|cancelled",
            "date_from=2026-06-11T07:30&date_to=2026-06-14T21:15",
            "days=3&computingsite=CNAF-DS-1",
            "days=2&computingsite=cnaf-ds-1|RAL-DS&jobstatus=failed|finished",
        ];
        foreach (var query in queries)
        {
            foreach (var viewer in new[] { "blind", "not-blind", "hides" })
            {
                data.Add(query, viewer);
            }
        }

        return data;
    }

    private static ViewerAccess Viewer(string name) =>
        name switch
        {
            "blind" => SeededPandaFixture.Blind,
            "not-blind" => SeededPandaFixture.NotBlind,
            _ => Hides,
        };

    private async Task<(JobSelectionSummary Served, JobSelectionSummary Direct)> BothAsync(string query, string viewer)
    {
        var parsed = fixture.Parse(query);
        var direct = fixture.CreateRepository(fixture.ListOptions, rollups: false);
        var served = await fixture.Repository.GetSummaryAsync(parsed, Viewer(viewer), CancellationToken.None);
        return (served, await direct.GetSummaryAsync(parsed, Viewer(viewer), CancellationToken.None));
    }

    private static string Json(JobSelectionSummary summary) =>
        JsonSerializer.Serialize(
            new { summary.Attributes, summary.Errors },
            new JsonSerializerOptions { WriteIndented = true }
        );

    [Theory]
    [MemberData(nameof(ServedViews))]
    public async Task ServedFromRollups_EqualsTheSummaryReadFromPanda(string query, string viewer)
    {
        var (served, direct) = await BothAsync(query, viewer);

        Assert.True(served.RolledUpHours > TimeSpan.Zero, $"'{query}' was not served from the rollups");
        Assert.Null(direct.RolledUpHours);
        Assert.NotEmpty(direct.Errors);
        Assert.Equal(Json(direct), Json(served));
    }

    [Theory]
    [InlineData("days=3&computingsite=CNAF-*")]
    [InlineData("days=3&mode=drop")]
    [InlineData("days=3&jobstatus=failed&produsername=*a*")]
    public async Task FiltersTheRollupsDoNotKeep_AreReadFromPanda(string query)
    {
        var (served, direct) = await BothAsync(query, "blind");

        Assert.Null(served.RolledUpHours);
        Assert.Equal(Json(direct), Json(served));
    }

    [Fact]
    public async Task RollupsBuiltWithOtherBlindScopes_AreNotServed()
    {
        // This process would call other jobs blind than the rollups did: their blind flags cannot be trusted.
        var rollups = UsageRollupHarness.SummaryRollups(
            fixture.Database,
            new BlindingOptions { BlindScopes = ["blind", "ds20k_unblinded"] }
        );

        var served = await rollups.ReadAsync(fixture.Parse("days=3"), Hides, CancellationToken.None);

        Assert.Null(served);
    }

    [Fact]
    public async Task RolledUpHours_AreWholeHoursInsideTheWindow_UpToTheAggregatorsLastRun()
    {
        var rollups = UsageRollupHarness.SummaryRollups(fixture.Database);

        var served = await rollups.ReadAsync(
            fixture.Parse("date_from=2026-06-11T07:30&date_to=2026-06-20T00:00"),
            SeededPandaFixture.Blind,
            CancellationToken.None
        );

        Assert.NotNull(served);
        Assert.Equal(new DateTime(2026, 6, 11, 8, 0, 0), served.FromUtc);
        // The aggregator last ran at the seeded "now", 12:00: later hours are read from PanDA.
        Assert.Equal(new DateTime(2026, 6, 15, 12, 0, 0), served.ToUtc);
    }
}
