using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// Iam:BlindJobs=Hide: for a viewer without blind access, every view behaves as if blind jobs did not exist.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class HideBlindJobsTests(SeededPandaFixture fixture)
{
    private static readonly ViewerAccess Hiding = SeededPandaFixture.NotBlind with { HidesBlindJobs = true };
    private static readonly ViewerAccess BlindWithHideMode = SeededPandaFixture.Blind with { HidesBlindJobs = true };

    private PandaTestDatabase Db => fixture.Database;

    private Task<long> OracleAsync(string where) =>
        Db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE {where}",
            ("from", Oracle.Timestamp(PandaTestDatabase.SeededAtUtc.AddDays(-5)))
        );

    [Fact]
    public async Task JobList_CountsOnlyJobsThatAreNotBlind()
    {
        var window = "(pandatable <> 'jobsarchived4' OR modificationtime >= @from)";
        var expected = await OracleAsync($"{window} AND NOT {Oracle.IsBlind}");

        var hidden = await fixture.Repository.GetJobsAsync(
            fixture.Parse("days=5&display_limit=1000"),
            Hiding,
            CancellationToken.None
        );
        var withAccess = await fixture.Repository.GetJobsAsync(
            fixture.Parse("days=5"),
            BlindWithHideMode,
            CancellationToken.None
        );

        Assert.Equal(expected, hidden.Total.Value);
        Assert.DoesNotContain(hidden.Jobs, j => j.IsBlind);
        Assert.Equal(await OracleAsync(window), withAccess.Total.Value);
    }

    [Fact]
    public async Task BlindJobPage_IsNotFound_AndBlindTasksAreNotListed()
    {
        var (pandaId, task) = (
            await Db.ScalarAsync<long>(
                $"SELECT pandaid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} ORDER BY pandaid LIMIT 1"
            ),
            0L
        );
        task = await Db.ScalarAsync<long>(
            $"SELECT jeditaskid FROM {Oracle.AllJobs} WHERE pandaid = @p",
            ("p", pandaId)
        );
        var detail = fixture.CreateJobDetailRepository();
        var tasks = fixture.CreateTaskRepository();
        var (query, _) = TaskQueryParser.Parse(
            QueryHelpers.ParseQuery($"jeditaskid={task}"),
            PandaTestDatabase.SeededAtUtc
        );

        Assert.Null(await detail.GetAsync(pandaId, Hiding, PandaTestDatabase.SeededAtUtc, CancellationToken.None));
        Assert.NotNull(
            await detail.GetAsync(
                pandaId,
                SeededPandaFixture.NotBlind,
                PandaTestDatabase.SeededAtUtc,
                CancellationToken.None
            )
        );
        Assert.Equal(0, (await tasks.GetTasksAsync(query!, Hiding, CancellationToken.None)).Total);
        Assert.Null(
            await tasks.GetTaskAsync(task, true, Hiding, PandaTestDatabase.SeededAtUtc, CancellationToken.None)
        );
    }

    [Fact]
    public async Task ErrorSummary_CountsOnlyFailuresOfJobsThatAreNotBlind()
    {
        var expected = await OracleAsync(
            $"(pandatable <> 'jobsarchived4' OR modificationtime >= @from) AND jobstatus = 'failed' AND "
                + $"piloterrorcode <> 0 AND NOT {Oracle.IsBlind}"
        );
        var repository = new ErrorSummaryRepository(
            new PandaDatabase(Db.Reader),
            fixture.CreateSqlBuilder(),
            fixture.Repository
        );

        var summary = await repository.GetAsync(
            fixture.Parse("days=5&jobstatus=failed"),
            Hiding,
            CancellationToken.None
        );

        Assert.Equal(expected, summary.ByCode.Where(e => e.Component == "pilot").Sum(e => e.Jobs));
    }
}
