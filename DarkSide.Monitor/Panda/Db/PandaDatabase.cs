using DarkSide.Monitor.Data;
using Npgsql;

namespace DarkSide.Monitor.Panda.Db;

/// <summary>The read-only connection to PanDA's tables (ConnectionStrings:Panda).</summary>
public sealed class PandaDatabase(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>Runs a built statement (which it disposes) on its own connection and maps every row.</summary>
    public Task<List<T>> ReadAllAsync<T>(
        NpgsqlCommand command,
        Func<System.Data.Common.DbDataReader, T> read,
        CancellationToken cancellationToken
    ) => DataSourceReader.ReadAllAsync(DataSource, command, read, cancellationToken);

    /// <summary>Runs a built statement (which it disposes) and returns its first column of its first row.</summary>
    public Task<object?> ScalarAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        DataSourceReader.ScalarAsync(DataSource, command, cancellationToken);
}
