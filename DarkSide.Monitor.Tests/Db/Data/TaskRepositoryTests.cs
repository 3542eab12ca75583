using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// Task list, progress, drop-mode job counts and blinding against independent SQL on the seeded data.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class TaskRepositoryTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;

    private PandaTestDatabase Db => fixture.Database;

    private TaskRepository Repository => fixture.CreateTaskRepository();

    private Task<TaskListPage> ListAsync(string query, DarkSide.Monitor.Panda.Blinding.ViewerAccess viewer)
    {
        var (parsed, errors) = TaskQueryParser.Parse(QueryHelpers.ParseQuery(query), Now);
        return Repository.GetTasksAsync(
            parsed ?? throw new InvalidOperationException(string.Join("; ", errors)),
            viewer,
            CancellationToken.None
        );
    }

    [Fact]
    public async Task List_CountsAndFiltersLikeIndependentSql_WithProgressFromPrimaryInputs()
    {
        var user = await Db.ScalarAsync<string>(
            "SELECT username FROM doma_panda.jedi_tasks GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        var expected = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jedi_tasks WHERE username = @u AND status IN ('done', 'finished') "
                + "AND realmodificationtime >= @from",
            ("u", user),
            ("from", Oracle.Timestamp(Now.AddDays(-5)))
        );

        var page = await ListAsync(
            $"username={user}&status=done,finished&days=5&display_limit=1000",
            SeededPandaFixture.Blind
        );

        Assert.Equal(expected, page.Total);
        Assert.Equal(expected, page.Tasks.Count);
        AssertEvery(page.Tasks, t => Assert.Contains(t.Status, new[] { "done", "finished" }));
        var task = page.Tasks[0];
        var files = await Db.ScalarAsync<long>(
            "SELECT coalesce(sum(nfiles), 0) FROM doma_panda.jedi_datasets WHERE jeditaskid = @t AND type IN "
                + "('input', 'pseudo_input') AND masterid IS NULL",
            ("t", task.JediTaskId)
        );
        Assert.Equal(files, task.Progress.Files);
        Assert.Equal(page.Tasks.Select(t => t.JediTaskId).OrderDescending(), page.Tasks.Select(t => t.JediTaskId));
        Assert.Equal(expected, page.Summary.Single(a => a.Parameter == "username").Total);
    }

    [Fact]
    public async Task BlindTask_HasNoName_AndCannotBeFoundByName_WithoutBlindAccess()
    {
        var (task, name) = (
            await Db.ScalarAsync<long>(
                $"SELECT t.jeditaskid FROM doma_panda.jedi_tasks t WHERE EXISTS (SELECT 1 FROM "
                    + $"doma_panda.jedi_datasets d WHERE d.jeditaskid = t.jeditaskid AND d.datasetname LIKE "
                    + $"'blind:%') ORDER BY 1 LIMIT 1"
            ),
            ""
        );
        name = await Db.ScalarAsync<string>(
            "SELECT taskname FROM doma_panda.jedi_tasks WHERE jeditaskid = @t",
            ("t", task)
        );

        var open = await ListAsync($"jeditaskid={task}", SeededPandaFixture.NotBlind);
        var byName = await ListAsync($"taskname={name}&days=3650", SeededPandaFixture.NotBlind);
        var withAccess = await ListAsync($"taskname={name}&days=3650", SeededPandaFixture.Blind);

        Assert.Null(Assert.Single(open.Tasks).TaskName);
        Assert.True(open.Tasks[0].IsRedacted);
        Assert.Equal(0, byName.Total);
        Assert.Equal(name, Assert.Single(withAccess.Tasks).TaskName);
        var detail = await Repository.GetTaskAsync(
            task,
            true,
            SeededPandaFixture.NotBlind,
            Now,
            CancellationToken.None
        );
        AssertEvery(detail!.Datasets, d => Assert.Null(d.Name));
        // Event counts tell how much of a blinded run was processed: withheld like the names.
        Assert.Null(open.Tasks[0].Progress.Events);
        Assert.Null(detail.Task.Progress.Events);
        AssertEvery(detail.Datasets, d => Assert.Null(d.Events));
        var seen = await Repository.GetTaskAsync(task, true, SeededPandaFixture.Blind, Now, CancellationToken.None);
        Assert.NotNull(seen!.Task.Progress.Events);
        Assert.Contains(seen.Datasets, d => d.Events > 0);
    }

    [Fact]
    public async Task TaskJobStates_InDropMode_LeaveOutRetriedJobs_AsIndependentSql()
    {
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_job_retry_history GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        async Task<Dictionary<string, long>> OracleAsync(bool drop)
        {
            await using var command = Db.Admin.CreateCommand(
                $"""
                SELECT jobstatus, count(*) FROM {Oracle.AllJobs} WHERE jeditaskid = @t
                {(
                    drop
                        ? "AND pandaid NOT IN (SELECT oldpandaid FROM doma_panda.jedi_job_retry_history " + "WHERE " +
                            "jeditaskid = @t AND relationtype = 'retry')"
                        : ""
                )}
                GROUP BY 1
                """
            );
            command.Parameters.AddWithValue("t", task);
            var counts = new Dictionary<string, long>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return counts;
        }

        var dropped = await Repository.GetTaskAsync(task, true, SeededPandaFixture.Blind, Now, CancellationToken.None);
        var every = await Repository.GetTaskAsync(task, false, SeededPandaFixture.Blind, Now, CancellationToken.None);

        Dictionary<string, long> States(TaskDetail detail) =>
            detail
                .Jobs.Attributes.Single(a => a.Parameter == "jobstatus")
                .Values.ToDictionary(v => v.Value!, v => v.Count);
        Assert.Equal((await OracleAsync(true)).OrderBy(k => k.Key), States(dropped!).OrderBy(k => k.Key));
        Assert.Equal((await OracleAsync(false)).OrderBy(k => k.Key), States(every!).OrderBy(k => k.Key));
        Assert.True(States(every!).Values.Sum() > States(dropped!).Values.Sum());
        Assert.Equal(
            Math.Min(TaskRepository.LatestJobs, States(dropped!).Values.Sum()),
            dropped!.LatestJobs.Jobs.Count
        );
    }

    [Fact]
    public async Task Task_ListsItsRetries_NewestFirst_WithTheJobsThatReplacedThem()
    {
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_job_retry_history GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        var total = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jedi_job_retry_history WHERE jeditaskid = @t",
            ("t", task)
        );

        var detail = await Repository.GetTaskAsync(task, true, SeededPandaFixture.Blind, Now, CancellationToken.None);

        var retries = detail!.Retries;
        Assert.Equal(total, retries.Total);
        Assert.Equal(Math.Min(total, TaskRetrySql.Latest), retries.Latest.Count);
        Assert.Equal(
            retries.Latest.OrderByDescending(r => r.AtUtc).Select(r => r.AtUtc),
            retries.Latest.Select(r => r.AtUtc)
        );
        var newest = retries.Latest[0];
        Assert.Equal(
            await Db.ScalarAsync<string>(
                $"SELECT jobstatus FROM (SELECT * FROM {Oracle.AllJobs}) j WHERE pandaid = @p",
                ("p", newest.Old.PandaId)
            ),
            newest.Old.Status
        );
        var failed = retries.Latest.First(r => r.Old.Status == "failed").Old;
        var pilotCode = await Db.ScalarAsync<int>(
            $"SELECT coalesce(piloterrorcode, 0) FROM (SELECT * FROM {Oracle.AllJobs}) j WHERE pandaid = @p",
            ("p", failed.PandaId)
        );
        Assert.Equal(pilotCode != 0, failed.Errors.Contains($"pilot:{pilotCode}"));

        var quiet = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_tasks t WHERE NOT EXISTS (SELECT 1 FROM "
                + "doma_panda.jedi_job_retry_history h WHERE h.jeditaskid = t.jeditaskid) LIMIT 1"
        );
        var none = await Repository.GetTaskAsync(quiet, true, SeededPandaFixture.Blind, Now, CancellationToken.None);
        Assert.Equal(TaskRetries.None, none!.Retries);
    }

    private static (long, string?, int?, string?) Fields(RetriedJob job) =>
        (job.PandaId, job.Status, job.AttemptNr, job.ComputingSite);

    [Fact]
    public async Task ARetryWhoseJobPandaDropped_IsListed_WithNothingOfTheJobButItsPandaId()
    {
        // PanDA keeps the retry history longer than some job rows: the history names a job no table has any more.
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_tasks t WHERE NOT EXISTS (SELECT 1 FROM "
                + "doma_panda.jedi_job_retry_history h WHERE h.jeditaskid = t.jeditaskid) ORDER BY 1 LIMIT 1"
        );
        const long Dropped = 9_000_000_001;
        const long Replacement = 9_000_000_002;
        await Db.ExecuteAsync(
            "INSERT INTO doma_panda.jedi_job_retry_history (jeditaskid, oldpandaid, newpandaid, ins_utc_tstamp, "
                + "relationtype, originpandaid) VALUES (@t, @old, @new, @at, NULL, NULL)",
            ("t", task),
            ("old", Dropped),
            ("new", Replacement),
            ("at", Oracle.Timestamp(Now.AddHours(-1)))
        );
        try
        {
            var detail = await Repository.GetTaskAsync(
                task,
                true,
                SeededPandaFixture.Blind,
                Now,
                CancellationToken.None
            );

            var retry = Assert.Single(detail!.Retries.Latest);
            Assert.Equal(1, detail.Retries.Total);
            Assert.Null(retry.Relation);
            Assert.Equal((Dropped, null, null, null), Fields(retry.Old));
            Assert.Empty(retry.Old.Errors);
            Assert.Equal((Replacement, null, null, null), Fields(retry.New));
        }
        finally
        {
            await Db.ExecuteAsync(
                "DELETE FROM doma_panda.jedi_job_retry_history WHERE oldpandaid = @old",
                ("old", Dropped)
            );
        }
    }

    [Fact]
    public async Task UnknownTask_IsNull()
    {
        Assert.Null(
            await Repository.GetTaskAsync(999_999_999_999, true, SeededPandaFixture.Blind, Now, CancellationToken.None)
        );
    }

    [Fact]
    public async Task List_TakesHoursAndDateRanges_AsTheJobListDoes()
    {
        var second = new DateTime(Now.Ticks - Now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var (from, to) = (second.AddDays(-6), second.AddDays(-2));
        var expected = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.jedi_tasks WHERE realmodificationtime >= @from "
                + "AND realmodificationtime < @to",
            ("from", Oracle.Timestamp(from)),
            ("to", Oracle.Timestamp(to))
        );
        var range = $"date_from={from:yyyy-MM-ddTHH:mm:ss}&date_to={to:yyyy-MM-ddTHH:mm:ss}";

        var page = await ListAsync(range, SeededPandaFixture.Blind);

        Assert.True(expected > 0, "the seeded tasks reach into the range");
        Assert.Equal(expected, page.Total);
        var (parsed, _) = TaskQueryParser.Parse(QueryHelpers.ParseQuery(range), Now);
        Assert.Equal((from, to), (parsed!.At(Now.AddHours(1)).FromUtc, parsed.ToUtc));
        var hours = TaskQueryParser.Parse(QueryHelpers.ParseQuery("hours=30"), Now).Query!;
        Assert.Equal(Now.AddHours(-30), hours.FromUtc);
    }

    [Theory]
    [InlineData("status=", "status: is empty")]
    [InlineData("days=x", "days: 'x' is not valid")]
    [InlineData("hours=2&days=1", "days: cannot be combined with hours")]
    [InlineData("days=2&date_to=2026-01-01", "days: cannot be combined with date_from/date_to")]
    [InlineData("date_from=2026-02-01&date_to=2026-01-01", "date_from: 2026-02-01 00:00:00 is not before date_to")]
    [InlineData("date_from=yesterday", "date_from: 'yesterday' is not a date")]
    [InlineData("sortby=size", "sortby: 'size' is not a task order")]
    [InlineData("colour=red", "colour: is not a task-list parameter")]
    [InlineData("page=2147483647", "page: 2147483647 starts past the first 1,000,000 tasks")]
    [InlineData("taskname=user.%00*", "taskname: contains the control character U+0000")]
    public void BadParameters_AreNamed(string query, string message)
    {
        var (parsed, errors) = TaskQueryParser.Parse(QueryHelpers.ParseQuery(query), Now);

        Assert.Null(parsed);
        Assert.StartsWith(message, Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }
}
