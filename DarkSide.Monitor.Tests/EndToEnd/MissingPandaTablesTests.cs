using System.Net;
using System.Text.Json;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// A PanDA database without the optional tables (a stock PostgreSQL install may lack the archive; retention or
/// grants may hide others): the monitor names each, works without them, and refuses to start without a required column.
/// </summary>
[Trait("Kind", "EndToEnd")]
public sealed class MissingPandaTablesTests : IAsyncLifetime
{
    private static readonly string[] Dropped =
    [
        "doma_pandaarch.jobsarchived",
        "doma_panda.jobs_statuslog",
        "doma_panda.jedi_job_retry_history",
        "doma_panda.error_descriptions",
        "doma_panda.schedconfig_json",
        "doma_panda.jobswaiting4",
    ];

    private PandaTestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(13, 1, 1500, DateTime.UtcNow.AddMinutes(-1)));
        foreach (var table in Dropped)
        {
            await _db.ExecuteAsync($"DROP TABLE {table}");
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Dictionary<string, string> Settings =>
        new()
        {
            ["ConnectionStrings__Panda"] = _db.ReaderConnectionString,
            ["ConnectionStrings__Monitor"] = _db.AdminConnectionString,
            ["Rollups__Enabled"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Iam__Mode"] = "DevelopmentViewer",
        };

    [Fact]
    public async Task SchemaCheck_NamesEachMissingOptionalTable_AndNothingRequired()
    {
        var schema = new PandaSchema(MsOptions.Create(_db.Options));

        var report = await schema.CheckAsync(_db.Reader, CancellationToken.None);

        Assert.True(report.CanRun);
        // jedi_taskparams is not in the test DDL: the reference does not list its columns.
        Assert.Equal(
            Dropped.Append("doma_panda.jedi_taskparams").Order(),
            report.MissingOptional.Select(schema.QualifiedName).Order()
        );
        Assert.Contains(
            "The table doma_pandaarch.jobsarchived does not exist or cannot be read; jobs older than "
                + "jobsarchived4's retention are not shown.",
            report.Notices
        );
    }

    [Fact]
    public async Task JobPage_WithoutStatusLogRetryHistoryOrDescriptions_ShowsTheJobAndSaysWhatIsMissing()
    {
        var schema = new PandaSchema(MsOptions.Create(_db.Options));
        await schema.CheckAsync(_db.Reader, CancellationToken.None);
        var failed = await _db.ScalarAsync<long>(
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'failed' AND piloterrorcode <> 0 ORDER "
                + "BY pandaid LIMIT 1"
        );
        var sql = new DarkSide.Monitor.Panda.JobTables.JobSqlBuilder(
            MsOptions.Create(_db.Options),
            new DarkSide.Monitor.Panda.Blinding.BlindDataPolicy(
                MsOptions.Create(new DarkSide.Monitor.Panda.Blinding.BlindingOptions()),
                MsOptions.Create(_db.Options),
                PandaTestDatabase.Unchecked(_db)
            ),
            schema
        );
        var repository = new DarkSide.Monitor.Panda.JobTables.JobDetailRepository(
            new PandaDatabase(_db.Reader),
            sql,
            MsOptions.Create(_db.Options),
            schema
        );

        var detail = await repository.GetAsync(
            failed,
            SeededPandaFixture.Blind,
            DateTime.UtcNow,
            CancellationToken.None
        );

        Assert.NotNull(detail);
        Assert.Empty(detail.States);
        Assert.NotEmpty(detail.Files);
        var error = Assert.Single(detail.Errors);
        Assert.Equal(DarkSide.Monitor.Panda.JobTables.PilotErrorCodes.Describe(error.Code), error.Description);
        Assert.Contains(detail.Notices, n => n.Contains("doma_panda.jobs_statuslog", StringComparison.Ordinal));
        Assert.Contains(detail.Notices, n => n.Contains("doma_panda.jedi_job_retry_history", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TaskPage_WithoutTheRetryHistory_ShowsTheTask_AndSaysTheHistoryIsMissing()
    {
        var schema = new PandaSchema(MsOptions.Create(_db.Options));
        await schema.CheckAsync(_db.Reader, CancellationToken.None);
        var task = await _db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jobsarchived4 WHERE attemptnr > 1 ORDER BY jeditaskid LIMIT 1"
        );
        var policy = new DarkSide.Monitor.Panda.Blinding.BlindDataPolicy(
            MsOptions.Create(new DarkSide.Monitor.Panda.Blinding.BlindingOptions()),
            MsOptions.Create(_db.Options),
            schema
        );
        var jobs = new DarkSide.Monitor.Panda.JobTables.JobRepository(
            new PandaDatabase(_db.Reader),
            new DarkSide.Monitor.Panda.JobTables.JobSqlBuilder(MsOptions.Create(_db.Options), policy, schema),
            MsOptions.Create(new DarkSide.Monitor.Panda.Query.JobListOptions()),
            Microsoft
                .Extensions
                .Logging
                .Abstractions
                .NullLogger<DarkSide.Monitor.Panda.JobTables.JobRepository>
                .Instance,
            new NoJobSummaryRollups()
        );
        var repository = new DarkSide.Monitor.Panda.Tasks.TaskRepository(
            new PandaDatabase(_db.Reader),
            new DarkSide.Monitor.Panda.Tasks.TaskSqlBuilder(MsOptions.Create(_db.Options), policy),
            jobs,
            schema
        );

        var detail = await repository.GetTaskAsync(
            task,
            true,
            SeededPandaFixture.Blind,
            DateTime.UtcNow,
            CancellationToken.None
        );

        Assert.NotNull(detail);
        Assert.Equal(task, detail.Task.JediTaskId);
        Assert.NotEmpty(detail.LatestJobs.Jobs);
        Assert.Equal(DarkSide.Monitor.Panda.Tasks.TaskRetries.Missing, detail.Retries);
    }

    [Fact]
    public async Task App_StartsWithoutTheOptionalTables_ReportsThemAsDegraded_AndServesDeepQueries()
    {
        var pandaId = await _db.ScalarAsync<long>(
            "SELECT min(pandaid) FROM doma_panda.jobsarchived4 WHERE pandaid > 1000000"
        );
        await using var app = await AppProcess.StartAsync(
            "DarkSide.Monitor.dll",
            AppProcess.FreeLoopbackUrl(),
            Settings,
            "/healthz"
        );
        using var http = new HttpClient();

        using var ready = JsonDocument.Parse(await http.GetStringAsync(app.BaseUrl + "/healthz/ready"));
        var jobs = await http.GetAsync($"{app.BaseUrl}/jobs?json&pandaid={pandaId}");

        Assert.Equal("Degraded", ready.RootElement.GetProperty("status").GetString());
        Assert.Contains(
            "doma_pandaarch.jobsarchived",
            ready.RootElement.GetProperty("checks")[0].GetProperty("description").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        using var json = JsonDocument.Parse(await jobs.Content.ReadAsStringAsync());
        Assert.Equal(pandaId, json.RootElement.GetProperty("jobs")[0].GetProperty("pandaid").GetInt64());
        Assert.Contains("does not exist or cannot be read", app.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_WithoutARequiredColumn_RefusesToStart_NamingIt()
    {
        await _db.ExecuteAsync("ALTER TABLE doma_panda.jobsarchived4 RENAME COLUMN hs06sec TO hs06sec_before_0_1");
        try
        {
            var start = () =>
                AppProcess.StartAsync("DarkSide.Monitor.dll", AppProcess.FreeLoopbackUrl(), Settings, "/healthz");

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(start);

            Assert.Contains("exited with 3", refused.Message, StringComparison.Ordinal);
            Assert.Contains("doma_panda.jobsarchived4.hs06sec is missing", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await _db.ExecuteAsync("ALTER TABLE doma_panda.jobsarchived4 RENAME COLUMN hs06sec_before_0_1 TO hs06sec");
        }
    }
}
