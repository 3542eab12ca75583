using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>One seeded PanDA database shared by the read-only data tests: 5 days at 4,000 jobs a day.</summary>
public sealed class SeededPandaFixture : IAsyncLifetime
{
    public static readonly DemoSettings Settings = new(
        Seed: 7,
        Days: 5,
        JobsPerDay: 4000,
        PandaTestDatabase.SeededAtUtc
    );

    public static readonly ViewerAccess Blind = new("alice", CanSeeBlindData: true);
    public static readonly ViewerAccess NotBlind = new("bob", CanSeeBlindData: false);

    public PandaTestDatabase Database { get; private set; } = null!;

    public JobListOptions ListOptions { get; } = new();

    public JobRepository Repository { get; private set; } = null!;

    /// <summary>The schema as the app's startup check found it (tables, and how text sorts).</summary>
    public PandaSchema Schema { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PandaTestDatabase.CreateAsync(Settings);
        Schema = new PandaSchema(MsOptions.Create(Database.Options));
        await Schema.CheckAsync(Database.Reader, CancellationToken.None);

        // The rollups, built once at the seeded "now" as the app's aggregator builds them; the repository serves its
        // summaries from them as the app's does.
        await UsageRollupHarness.MigrateAsync(Database);
        await UsageRollupHarness.Aggregator(Database).RunOnceAsync(CancellationToken.None);
        Repository = CreateRepository(ListOptions);
    }

    /// <summary>
    /// The statement builder the app uses, with the default blind scope, over the tables the schema check found.
    /// </summary>
    public JobSqlBuilder CreateSqlBuilder(PandaSchema? schema = null) =>
        new(
            MsOptions.Create(Database.Options),
            new BlindDataPolicy(
                MsOptions.Create(new BlindingOptions()),
                MsOptions.Create(Database.Options),
                schema ?? Schema
            ),
            schema ?? Schema
        );

    /// <summary>The job page's repository, as the app builds it.</summary>
    public JobDetailRepository CreateJobDetailRepository(PandaSchema? schema = null)
    {
        schema ??= Schema;
        return new(
            new PandaDatabase(Database.Reader),
            CreateSqlBuilder(schema),
            MsOptions.Create(Database.Options),
            schema
        );
    }

    /// <summary>
    /// A repository over the read-only connection, as the app builds it, with the given list options.
    /// </summary>
    /// <param name="rollups">Serve summaries from the rollups (as the app does), or read them all from PanDA.</param>
    public JobRepository CreateRepository(JobListOptions options, bool rollups = true) =>
        new(
            new PandaDatabase(Database.Reader),
            CreateSqlBuilder(),
            MsOptions.Create(options),
            NullLogger<JobRepository>.Instance,
            rollups ? UsageRollupHarness.SummaryRollups(Database) : new NoJobSummaryRollups()
        );

    /// <summary>The error view's repository the app builds, over the read-only connection.</summary>
    public DarkSide.Monitor.Panda.Errors.ErrorSummaryRepository CreateErrorSummaryRepository() =>
        new(new PandaDatabase(Database.Reader), CreateSqlBuilder(), Repository);

    /// <summary>The task repository the app builds, over the read-only connection.</summary>
    public DarkSide.Monitor.Panda.Tasks.TaskRepository CreateTaskRepository() =>
        new(
            new PandaDatabase(Database.Reader),
            new DarkSide.Monitor.Panda.Tasks.TaskSqlBuilder(
                MsOptions.Create(Database.Options),
                new BlindDataPolicy(
                    MsOptions.Create(new BlindingOptions()),
                    MsOptions.Create(Database.Options),
                    PandaTestDatabase.Unchecked(Database)
                )
            ),
            Repository,
            PandaTestDatabase.Unchecked(Database)
        );

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Parses a job-list query string as the page would, at the seeded "now".</summary>
    public JobQuery Parse(string query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var result = new JobQueryParser(ListOptions).Parse(parsed, PandaTestDatabase.SeededAtUtc);
        return result.Query ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    public Task<JobListPage> ListAsync(string query, ViewerAccess viewer) =>
        Repository.GetJobsAsync(Parse(query), viewer, CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class SeededPandaCollection : ICollectionFixture<SeededPandaFixture>
{
    public const string Name = "Seeded PanDA database";
}
