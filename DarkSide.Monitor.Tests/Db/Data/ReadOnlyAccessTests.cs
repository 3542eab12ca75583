using DarkSide.Monitor.Tests.Infrastructure;
using Npgsql;

namespace DarkSide.Monitor.Tests.Db.Data;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class ReadOnlyAccessTests(SeededPandaFixture fixture)
{
    [Fact]
    public async Task PandaConnection_CannotWritePandasTables()
    {
        await using var command = fixture.Database.Reader.CreateCommand("DELETE FROM doma_panda.jobsactive4");

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        // 25006: read-only transaction (the data source); the role's lack of DELETE is a second wall behind it.
        Assert.Equal("25006", error.SqlState);
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM doma_panda.jobsactive4") > 0);
    }

    [Fact]
    public async Task ReaderRole_WithoutReadOnlyOption_IsStillDeniedWrites()
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ReaderConnectionString);
        await using var command = dataSource.CreateCommand("UPDATE doma_panda.jobsactive4 SET currentpriority = 0");

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal("42501", error.SqlState);
    }
}
