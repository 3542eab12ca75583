using DarkSide.Monitor.Data;
using Npgsql;

namespace DarkSide.Monitor.Store;

/// <summary>The connection to the monitor's own schema (ConnectionStrings:Monitor).</summary>
public sealed class MonitorDatabase(NpgsqlDataSource dataSource)
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

    /// <summary>
    /// Runs a built statement (which it disposes) that returns no rows; the number of rows it changed.
    /// </summary>
    public Task<int> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        DataSourceReader.ExecuteAsync(DataSource, command, cancellationToken);
}
