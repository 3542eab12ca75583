using DarkSide.Monitor.Data;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Db.Data;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class MonitorMigratorTests(SeededPandaFixture fixture)
{
    [Fact]
    public async Task Migrate_AppliesEachScriptOnce_InItsOwnSchema()
    {
        var options = new MonitorStoreOptions { Schema = "monitor_migration_test" };
        var migrator = new MonitorMigrator(
            new MonitorDatabase(fixture.Database.Admin),
            MsOptions.Create(options),
            NullLogger<MonitorMigrator>.Instance
        );

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(SqlResources.Monitor.Names("monitor").Select(n => Path.GetFileNameWithoutExtension(n)), first);
        Assert.Empty(second);
        Assert.Equal(
            first.Count,
            await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM monitor_migration_test.schema_migrations")
        );
        Assert.Equal(
            0,
            await fixture.Database.ScalarAsync<long>(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema LIKE 'doma%' AND table_name "
                    + "= 'schema_migrations'"
            )
        );
    }
}
