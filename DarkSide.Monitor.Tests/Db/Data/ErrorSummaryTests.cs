using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>The error view's numbers against independent SQL on the seeded jobs.</summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class ErrorSummaryTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private const string Window = "(pandatable <> 'jobsarchived4' OR modificationtime >= @from)";

    private PandaTestDatabase Db => fixture.Database;

    private ErrorSummaryRepository Repository =>
        new(new DarkSide.Monitor.Panda.Db.PandaDatabase(Db.Reader), fixture.CreateSqlBuilder(), fixture.Repository);

    private Task<ErrorSummary> SummaryAsync(string query) =>
        Repository.GetAsync(fixture.Parse(query), SeededPandaFixture.NotBlind, CancellationToken.None);

    private async Task<Dictionary<string, (long Failed, long Finished, long Holding)>> OracleGroupsAsync(string column)
    {
        await using var command = Db.Admin.CreateCommand(
            $"""
            SELECT {column}::text, count(*) FILTER (WHERE jobstatus = 'failed'), count(*) FILTER (WHERE jobstatus =
                'finished'),
                   count(*) FILTER (WHERE jobstatus = 'holding')
            FROM {Oracle.AllJobs} WHERE {Window} GROUP BY 1 HAVING count(*) FILTER (WHERE jobstatus IN ('failed',
                'holding')) > 0
            """
        );
        command.Parameters.AddWithValue("from", Oracle.Timestamp(Now.AddDays(-2)));
        var groups = new Dictionary<string, (long, long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            groups[reader.IsDBNull(0) ? "(null)" : reader.GetString(0)] = (
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3)
            );
        }

        return groups;
    }

    [Theory]
    [InlineData("computingsite")]
    [InlineData("produsername")]
    [InlineData("jeditaskid")]
    public async Task Groups_CountFailedFinishedAndHolding_AsIndependentSql(string column)
    {
        var summary = await SummaryAsync("days=2");
        var groups = column switch
        {
            "computingsite" => summary.BySite,
            "produsername" => summary.ByUser,
            _ => summary.ByTask,
        };

        var expected = await OracleGroupsAsync(column);

        Assert.Equal(
            expected.OrderBy(e => e.Key),
            groups.ToDictionary(g => g.Value ?? "(null)", g => (g.Failed, g.Finished, g.Holding)).OrderBy(a => a.Key)
        );
        AssertEvery(groups, g => Assert.Equal(100.0 * g.Failed / (g.Failed + g.Finished), g.FailurePercent!.Value, 6));
    }

    [Fact]
    public async Task JobStatusFilter_NarrowsTheCodes_ButNotTheFailurePercentages()
    {
        var all = await SummaryAsync("days=2");
        var failedOnly = await SummaryAsync("days=2&jobstatus=failed");

        Assert.Equal(all.BySite.Select(s => s.FailurePercent), failedOnly.BySite.Select(s => s.FailurePercent));
        Assert.True(failedOnly.ByCode.Sum(e => e.Jobs) <= all.ByCode.Sum(e => e.Jobs));
    }

    [Fact]
    public async Task Histogram_HoldsEveryErrorOfTheWindow_InBinsOfTheWindow()
    {
        var summary = await SummaryAsync("hours=24");
        var columns = string.Join(
            " + ",
            ErrorFields.All.Select(e => $"(CASE WHEN {e.CodeColumn} <> 0 THEN 1 ELSE 0 END)")
        );
        var tables = string.Join(
            " UNION ALL ",
            new[] { "jobsdefined4", "jobsactive4", "jobsarchived4" }.Select(t =>
                $"SELECT {columns} AS n FROM doma_panda.{t} WHERE jobstatus IN ('failed', 'holding') AND "
                + $"(modificationtime >= @from OR '{t}' <> 'jobsarchived4')"
            )
        );
        var expected = await Db.ScalarAsync<long>(
            $"SELECT coalesce(sum(n), 0) FROM ({tables}) e",
            ("from", Oracle.Timestamp(Now.AddHours(-24)))
        );

        var histogram = summary.Histogram;

        Assert.Equal(TimeSpan.FromMinutes(30), histogram.Bin);
        Assert.Equal(expected, histogram.Series.Sum(s => s.Total));
        Assert.InRange(histogram.Series.Count, 1, ErrorSummaryRepository.HistogramSeries + 1);
        AssertEvery(histogram.Series, s => Assert.Equal(histogram.Bins.Count, s.Counts.Count));
        AssertEvery(histogram.Bins, b => Assert.InRange(b, Now.AddHours(-24), Now));
    }

    [Fact]
    public void Histogram_FoldsTheRarestCodesIntoOther()
    {
        var start = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var counts = Enumerable.Range(1, 10).Select(i => (start.AddHours(i % 2), $"pilot:{i}", (long)i)).ToList();

        var histogram = ErrorSummaryRepository.Histogram(counts, TimeSpan.FromHours(1));

        Assert.Equal(
            ["pilot:10", "pilot:9", "pilot:8", "pilot:7", "pilot:6", "pilot:5", "pilot:4", "pilot:3", "other"],
            histogram.Series.Select(s => s.Key)
        );
        Assert.Equal(1 + 2, histogram.Series[^1].Total);
        Assert.Equal([start, start.AddHours(1)], histogram.Bins);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(24, 30)]
    [InlineData(24 * 7, 360)]
    [InlineData(24 * 30, 1440)]
    public void Bin_GivesAboutFortyEightBars(int hours, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), ErrorSummaryRepository.BinFor(TimeSpan.FromHours(hours)));
    }
}
