using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>The attribute and error summaries count the whole selection, exactly as independent SQL does.</summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class JobSummaryTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private PandaTestDatabase Db => fixture.Database;

    private Task<JobSelectionSummary> SummaryAsync(string query, DarkSide.Monitor.Panda.Blinding.ViewerAccess viewer) =>
        fixture.Repository.GetSummaryAsync(fixture.Parse(query), viewer, CancellationToken.None);

    private async Task<Dictionary<string, long>> OracleCountsAsync(string column, string where)
    {
        await using var command = Db.Admin.CreateCommand(
            $"SELECT {column}::text, count(*) FROM {Oracle.AllJobs} WHERE {where} GROUP BY 1"
        );
        command.Parameters.AddWithValue("from", Oracle.Timestamp(Now.AddDays(-5)));
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.IsDBNull(0) ? "(null)" : reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    [Theory]
    [InlineData("jobstatus")]
    [InlineData("computingsite")]
    [InlineData("jeditaskid")]
    [InlineData("attemptnr")]
    [InlineData("produsername")]
    public async Task AttributeCounts_EqualIndependentCounts_OverTheWholeSelection(string column)
    {
        var summary = await SummaryAsync(
            "days=5&processingtype=!simulation&display_limit=10",
            SeededPandaFixture.Blind
        );
        var expected = await OracleCountsAsync(
            column,
            "(pandatable <> 'jobsarchived4' OR modificationtime >= @from) AND processingtype IS DISTINCT FROM "
                + "'simulation'"
        );

        var actual = summary
            .Attributes.Single(a => a.Parameter == column)
            .Values.ToDictionary(v => v.Value ?? "(null)", v => v.Count);

        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
    }

    [Fact]
    public async Task EveryAttribute_AddsUpToTheSelectionTotal_MostFrequentFirst()
    {
        var query = "days=5&computingsite=CNAF-DS-1";
        var page = await fixture.ListAsync(query, SeededPandaFixture.NotBlind);
        var summary = await SummaryAsync(query, SeededPandaFixture.NotBlind);

        Assert.Equal(JobSummaryFields.All.Select(f => f.Parameter), summary.Attributes.Select(a => a.Parameter));
        AssertEvery(
            summary.Attributes,
            a =>
            {
                Assert.Equal(page.Total.Value, a.Total);
                Assert.Equal(a.Values.Select(v => v.Count).OrderDescending(), a.Values.Select(v => v.Count));
            }
        );
        Assert.Equal(
            "CNAF-DS-1",
            Assert.Single(summary.Attributes.Single(a => a.Parameter == "computingsite").Values).Value
        );
    }

    [Fact]
    public async Task ErrorSummary_CountsFailedAndHoldingJobsPerComponentCode()
    {
        var summary = await SummaryAsync("days=5", SeededPandaFixture.Blind);
        var expectedPilot = await OracleCountsAsync(
            "piloterrorcode",
            "(pandatable <> 'jobsarchived4' OR modificationtime >= @from) AND jobstatus IN ('failed', "
                + "'holding') AND piloterrorcode <> 0"
        );

        var pilot = summary.Errors.Where(e => e.Component == "pilot").ToDictionary(e => e.Code.ToString(), e => e.Jobs);

        Assert.Equal(expectedPilot.OrderBy(e => e.Key), pilot.OrderBy(p => p.Key));
        Assert.Equal(summary.Errors.Select(e => e.Jobs).OrderDescending(), summary.Errors.Select(e => e.Jobs));
        Assert.Contains(summary.Errors, e => e.Component == "exe");
        Assert.Contains(summary.Errors, e => e.Component == "taskbuffer" || e.Component == "jobdispatcher");
        var stageIn = summary.Errors.Single(e => e.Key == "pilot:1099");
        Assert.Equal("piloterrorcode", stageIn.CodeColumn);
        Assert.Equal("Failed to stage-in file", stageIn.Description);
        Assert.StartsWith("Failed to stage-in file", stageIn.SampleDiagnostic, StringComparison.Ordinal);
        Assert.Equal(
            1099,
            await Db.ScalarAsync<int>(
                $"SELECT piloterrorcode FROM {Oracle.AllJobs} WHERE pandaid = @p",
                ("p", stageIn.ExamplePandaId)
            )
        );
    }

    [Fact]
    public async Task ErrorSummary_WithoutBlindAccess_SamplesOnlyDiagnosticsOfJobsThatAreNotBlind()
    {
        var summary = await SummaryAsync("days=5", SeededPandaFixture.NotBlind);

        foreach (var error in summary.Errors.Where(e => e.SampleDiagnostic is not null))
        {
            var fromOpenJob = await Db.ScalarAsync<bool>(
                $"SELECT EXISTS (SELECT 1 FROM doma_panda.jobsarchived4 j WHERE {error.CodeColumn} = @code "
                    + $"AND {error.CodeColumn.Replace("code", "diag", StringComparison.Ordinal)} = @diag AND "
                    + $"NOT {Oracle.IsBlind})",
                ("code", error.Code),
                ("diag", error.SampleDiagnostic!)
            );
            Assert.True(fromOpenJob, error.Key);
            Assert.DoesNotContain("blind", error.SampleDiagnostic!, StringComparison.Ordinal);
        }
    }
}
