using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// The app's aggregator and usage repository over a test database: PanDA read-only, the monitor's schema migrated.
/// </summary>
public static class UsageRollupHarness
{
    public static readonly MonitorStoreOptions Store = new();

    public static UsageRollupSql Sql(PandaTestDatabase database, BlindingOptions? blinding = null) =>
        new(
            MsOptions.Create(database.Options),
            MsOptions.Create(Store),
            new BlindDataPolicy(
                MsOptions.Create(blinding ?? new BlindingOptions()),
                MsOptions.Create(database.Options),
                PandaTestDatabase.Unchecked(database)
            )
        );

    /// <summary>Migrates the monitor's schema (once per database; later calls find nothing to do).</summary>
    public static async Task MigrateAsync(PandaTestDatabase database) =>
        await new MonitorMigrator(
            new MonitorDatabase(database.Admin),
            MsOptions.Create(Store),
            NullLogger<MonitorMigrator>.Instance
        ).MigrateAsync(CancellationToken.None);

    public static UsageAggregator Aggregator(
        PandaTestDatabase database,
        TimeProvider? time = null,
        RollupOptions? options = null,
        BlindingOptions? blinding = null
    ) =>
        new(
            new PandaDatabase(database.Reader),
            new MonitorDatabase(database.Admin),
            Sql(database, blinding),
            MsOptions.Create(options ?? new RollupOptions { BackfillDays = 30 }),
            time ?? new FixedTime(),
            NullLogger<UsageAggregator>.Instance
        );

    /// <summary>The job list's summaries from the rollups, as the app reads them.</summary>
    public static JobSummaryRollups SummaryRollups(PandaTestDatabase database, BlindingOptions? blinding = null) =>
        new(new MonitorDatabase(database.Admin), Sql(database, blinding), NullLogger<JobSummaryRollups>.Instance);

    public static UsageStatusReader Status(PandaTestDatabase database) =>
        new(new MonitorDatabase(database.Admin), MsOptions.Create(Store));

    public static UsageRepository Repository(PandaTestDatabase database) =>
        new(new MonitorDatabase(database.Admin), MsOptions.Create(Store), Status(database));

    public static SiteRepository Sites(PandaTestDatabase database)
    {
        var blind = new BlindDataPolicy(
            MsOptions.Create(new BlindingOptions()),
            MsOptions.Create(database.Options),
            PandaTestDatabase.Unchecked(database)
        );
        return new(
            new MonitorDatabase(database.Admin),
            new PandaDatabase(database.Reader),
            MsOptions.Create(Store),
            MsOptions.Create(database.Options),
            blind,
            Status(database),
            new PandaSchema(MsOptions.Create(database.Options)),
            new SiteEndedJobs(
                new MonitorDatabase(database.Admin),
                new PandaDatabase(database.Reader),
                MsOptions.Create(Store),
                Sql(database),
                blind
            )
        );
    }
}
