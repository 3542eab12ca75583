using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;
using Rows = DarkSide.Monitor.Tests.Infrastructure.PandaReferenceRows;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// Jobs and tasks as PanDA writes them (NULL wherever an attribute is unset, 1970-01-01 placeholders, no datasets):
/// every reader, summary, export and rollup takes them and counts them like independent SQL does.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class PandaNullabilityTests(SeededPandaFixture fixture)
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;
    private static readonly ViewerAccess Hiding = SeededPandaFixture.NotBlind with { HidesBlindJobs = true };
    private static readonly ViewerAccess Admin = new("carol", CanSeeBlindData: true, IsAdmin: true);

    public static TheoryData<string> NullableColumns => new(Rows.NullableJobColumns);

    public static TheoryData<string> SortKeys => new(Enum.GetNames<DarkSide.Monitor.Panda.Query.JobSortKey>());

    private static readonly long[] Expected = [.. Rows.LiveJobs, Rows.BareOldArchived];

    private static string AllReferenceJobs => "pandaid=" + string.Join(",", Expected) + "&display_limit=1000";

    private PandaTestDatabase Db => fixture.Database;

    [Theory]
    [InlineData("jobsdefined4", false)]
    [InlineData("jobswaiting4", false)]
    [InlineData("jobsactive4", false)]
    [InlineData("jobsarchived4", false)]
    [InlineData("jobsarchived", true)]
    public async Task JobTables_AreNullableWhereThePandaReferenceSays(string table, bool archive)
    {
        var schema = archive ? "doma_pandaarch" : "doma_panda";
        var notNull = await Db.ColumnAsync<string>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = @s AND table_name = @t AND "
                + "is_nullable = 'NO'",
            ("s", schema),
            ("t", table)
        );

        Assert.Equal((archive ? Rows.ArchiveJobNotNull : Rows.JobNotNull).Order(), notNull.Order());
    }

    [Fact]
    public async Task JediTasks_AreNullableWhereThePandaReferenceSays()
    {
        var notNull = await Db.ColumnAsync<string>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'doma_panda' AND table_name = "
                + "'jedi_tasks' AND is_nullable = 'NO'"
        );

        Assert.Equal(Rows.TaskNotNull.Order(), notNull.Order());
    }

    [Theory]
    [MemberData(nameof(SortKeys))]
    public async Task JobList_ShowsEveryReferenceJob_InEverySortOrder_ForEveryViewer(string sort)
    {
        foreach (var viewer in new[] { SeededPandaFixture.Blind, SeededPandaFixture.NotBlind, Hiding })
        {
            foreach (var direction in new[] { "ascending", "descending" })
            {
                var page = await fixture.ListAsync($"{AllReferenceJobs}&sortby={sort}-{direction}", viewer);

                Assert.Equal(Expected.Order(), page.Jobs.Select(j => j.PandaId).Order());
                Assert.Equal(Expected.Length, page.Total.Value);
                AssertEvery(page.Jobs, j => Assert.False(j.IsBlind));
            }
        }
    }

    [Fact]
    public async Task JobList_ReadsUnsetValuesAsUnset()
    {
        var page = await fixture.ListAsync(AllReferenceJobs, SeededPandaFixture.NotBlind);
        var jobs = page.Jobs.ToDictionary(j => j.PandaId);

        var activated = jobs[Rows.BareActivated];
        Assert.Null(activated.StartTime);
        Assert.Null(activated.EndTime);
        Assert.Null(activated.StateChangeTime);
        Assert.Null(activated.ComputingSite);
        var prun = jobs[Rows.PrunFinished];
        Assert.Null(prun.ProdDBlock);
        Assert.Null(prun.DestinationDBlock);
        Assert.Null(prun.WorkingGroup);
        Assert.Equal("user.mrossi.prun_noBuild.20241107/.13715", prun.JobName);
        Assert.Null(jobs[Rows.BareCancelledWithoutTask].JediTaskId);
        Assert.Null(jobs[Rows.PerColumnJob("actualcorecount")].ActualCoreCount);
        Assert.Null(jobs[Rows.PerColumnJob("maxpss")].MaxPss);
    }

    [Theory]
    [MemberData(nameof(NullableColumns))]
    public async Task JobWithNullInOneColumn_IsListedCountedExportedAndShown(string column)
    {
        var pandaId = Rows.PerColumnJob(column);
        var query = $"hours=2&jeditaskid={Rows.BareTaskId}&mode=nodrop&display_limit=1000";
        var expected = await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE jeditaskid = @t AND modificationtime >= @from",
            ("t", Rows.BareTaskId),
            ("from", Oracle.Timestamp(Now.AddHours(-2)))
        );
        // The copy without a produsername keeps its produserid, which its JSON names instead.
        var userId = await Db.ScalarAsync<string>(
            "SELECT produserid FROM doma_panda.jobsarchived4 WHERE pandaid = @p",
            ("p", pandaId)
        );
        Assert.False(column == "produsername" && string.IsNullOrEmpty(userId), "that copy has no produserid");

        foreach (var viewer in new[] { SeededPandaFixture.Blind, SeededPandaFixture.NotBlind, Hiding })
        {
            var selection = fixture.Parse(column == "jeditaskid" ? $"pandaid={pandaId}" : query);
            var page = await fixture.Repository.GetJobsAsync(
                selection,
                viewer,
                CancellationToken.None,
                allColumns: true
            );
            var job = Assert.Single(page.Jobs, j => j.PandaId == pandaId);
            Assert.False(job.IsRedacted);
            Assert.NotEmpty(CsvText.Line(JobExport.CsvRow(job, Now)));
            var json = DarkSide.Monitor.Features.Api.JobJson.From(job, Now);
            Assert.Equal(pandaId, json["pandaid"]);
            // BigPanDA's JSON has no NULL in these keys: "ordinary", the user's ID, and wn "Unknown".
            Assert.Equal(
                column switch
                {
                    "eventservice" => "ordinary",
                    "produsername" => userId,
                    _ => null,
                },
                json[column]
            );
            if (column == "modificationhost")
            {
                Assert.Equal("Unknown", json["wn"]);
            }

            var summary = await fixture.Repository.GetSummaryAsync(
                fixture.Parse(query),
                viewer,
                CancellationToken.None
            );
            AssertEvery(summary.Attributes, a => Assert.Equal(expected, a.Total));
        }

        var detail = await fixture.CreateJobDetailRepository().GetAsync(pandaId, Admin, Now, CancellationToken.None);
        Assert.NotNull(detail);
        Assert.Null(detail.Fields.Single(f => f.Name == column).Value);
    }

    [Fact]
    public async Task JobDetail_ReadsEveryNamedReferenceJob()
    {
        var repository = fixture.CreateJobDetailRepository();
        foreach (var pandaId in (long[])[.. Rows.NamedJobs, Rows.BareOldArchived])
        {
            foreach (var viewer in new[] { Admin, SeededPandaFixture.NotBlind })
            {
                var detail = await repository.GetAsync(pandaId, viewer, Now, CancellationToken.None);

                Assert.NotNull(detail);
                Assert.Equal(pandaId, detail.Job.PandaId);
                Assert.Equal(127, detail.Fields.Count);
            }
        }
    }

    [Fact]
    public async Task ErrorSummary_CountsTheFailuresOfJobsWithoutSiteTaskOrStart()
    {
        var repository = new ErrorSummaryRepository(
            new PandaDatabase(Db.Reader),
            fixture.CreateSqlBuilder(),
            fixture.Repository
        );

        var summary = await repository.GetAsync(
            fixture.Parse($"pandaid={string.Join(",", Rows.NamedJobs)}"),
            Hiding,
            CancellationToken.None
        );

        Assert.Equal(["exe:1", "taskbuffer:106"], summary.ByCode.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Overview_CountsJobsWithoutASite()
    {
        var snapshot = await new OverviewRepository(
            new PandaDatabase(Db.Reader),
            fixture.CreateSqlBuilder(),
            fixture.Repository,
            fixture.ListOptions
        ).GetAsync(Hiding, Now.AddHours(-24), Now, Now, CancellationToken.None);

        var noSite = Assert.Single(snapshot.Sites, s => s.Site is null);
        var expected = await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE computingsite IS NULL AND modificationtime >= @from "
                + "AND modificationtime < @to",
            ("from", Oracle.Timestamp(Now.AddHours(-24))),
            ("to", Oracle.Timestamp(Now))
        );
        Assert.Equal(expected, noSite.Counts.Values.Sum());
    }

    [Fact]
    public async Task Tasks_WithOnlyTheirRequiredColumns_AreListedAndShown()
    {
        var repository = fixture.CreateTaskRepository();
        var (query, errors) = TaskQueryParser.Parse(QueryHelpers.ParseQuery("days=1&display_limit=1000"), Now);
        Assert.Empty(errors);

        var page = await repository.GetTasksAsync(query!, SeededPandaFixture.NotBlind, CancellationToken.None);

        var bare = Assert.Single(page.Tasks, t => t.JediTaskId == Rows.BareTaskId);
        Assert.Null(bare.TaskName);
        Assert.Null(bare.AttemptNr);
        Assert.Equal(0, bare.Progress.Files);
        foreach (var id in new[] { Rows.PrunTaskId, Rows.BareTaskId })
        {
            var task = await repository.GetTaskAsync(
                id,
                dropRetried: true,
                SeededPandaFixture.NotBlind,
                Now,
                CancellationToken.None
            );
            Assert.NotNull(task);
            Assert.Empty(task.Datasets);
        }
    }
}
