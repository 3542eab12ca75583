using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;
using MsOptions = Microsoft.Extensions.Options.Options;

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

    [Fact]
    public async Task Search_ByIdOfABlindJobOrTask_FindsNothing_AsForAnIdPandaDoesNotHave()
    {
        var pandaId = await Db.ScalarAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} ORDER BY pandaid DESC LIMIT 1"
        );
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_datasets WHERE datasetname LIKE 'blind:%' ORDER BY 1 LIMIT 1"
        );
        var open = await Db.ScalarAsync<long>(
            $"SELECT pandaid FROM {Oracle.AllJobs} WHERE NOT {Oracle.IsBlind} ORDER BY pandaid DESC LIMIT 1"
        );
        var search = new DarkSide.Monitor.Features.Search.SearchLookup(
            new PandaDatabase(Db.Reader),
            fixture.Schema,
            new BlindDataPolicy(MsOptions.Create(new BlindingOptions()), MsOptions.Create(Db.Options), fixture.Schema)
        );
        Task<(bool IsJob, bool IsTask)> Find(long id, ViewerAccess viewer) =>
            search.FindAsync(id, viewer, CancellationToken.None);

        Assert.Equal((false, false), await Find(pandaId, Hiding));
        Assert.False((await Find(task, Hiding)).IsTask);
        Assert.Equal((true, false), await Find(open, Hiding));
        Assert.Equal((true, false), await Find(pandaId, BlindWithHideMode));
        Assert.True((await Find(task, BlindWithHideMode)).IsTask);
        // Redact mode shows that blind jobs exist, so the search opens them.
        Assert.Equal((true, false), await Find(pandaId, SeededPandaFixture.NotBlind));
        Assert.True((await Find(task, SeededPandaFixture.NotBlind)).IsTask);
    }

    [Fact]
    public async Task TaskRetries_LeaveOutBlindJobs_AsTheTasksJobListDoes()
    {
        // A task that is not blind, one of whose retried jobs is blind by its own input dataset.
        var (task, oldJob) = (0L, 0L);
        var rows = await Db.ColumnAsync<long>(
            $"SELECT h.oldpandaid FROM doma_panda.jedi_job_retry_history h JOIN doma_panda.jobsarchived4 j "
                + $"ON j.pandaid = h.oldpandaid WHERE NOT {Oracle.IsBlind} ORDER BY h.ins_utc_tstamp DESC LIMIT 1"
        );
        oldJob = Assert.Single(rows);
        task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", oldJob)
        );
        var dataset = await Db.ColumnAsync<string?>(
            "SELECT proddblock FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", oldJob)
        );
        var tasks = fixture.CreateTaskRepository();
        Task<TaskDetail?> ReadAsync(ViewerAccess viewer) =>
            tasks.GetTaskAsync(task, true, viewer, PandaTestDatabase.SeededAtUtc, CancellationToken.None);
        var before = (await ReadAsync(Hiding))!.Retries;
        await Db.ExecuteAsync(
            "UPDATE doma_panda.jobsarchived4 SET proddblock = 'blind:blind.ds20k.run099999.raw' WHERE pandaid = @p",
            ("p", oldJob)
        );
        try
        {
            var hidden = (await ReadAsync(Hiding))!.Retries;
            var redacted = (await ReadAsync(SeededPandaFixture.NotBlind))!.Retries;
            var blind = (await ReadAsync(BlindWithHideMode))!.Retries;

            Assert.Contains(before.Latest, r => r.Old.PandaId == oldJob);
            Assert.DoesNotContain(hidden.Latest, r => r.Old.PandaId == oldJob || r.New.PandaId == oldJob);
            Assert.True(hidden.Total < before.Total, $"{hidden.Total} retries counted, {before.Total} before");
            Assert.Contains(redacted.Latest, r => r.Old.PandaId == oldJob);
            Assert.Equal(before.Total, redacted.Total);
            Assert.Contains(blind.Latest, r => r.Old.PandaId == oldJob);
        }
        finally
        {
            await Db.ExecuteAsync(
                "UPDATE doma_panda.jobsarchived4 SET proddblock = @d WHERE pandaid = @p",
                ("p", oldJob),
                ("d", (object?)Assert.Single(dataset) ?? DBNull.Value)
            );
        }
    }
}
