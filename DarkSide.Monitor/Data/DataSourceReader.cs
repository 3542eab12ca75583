using Npgsql;

namespace DarkSide.Monitor.Data;

/// <summary>Runs built statements on a data source: PanDA's, or the monitor's own.</summary>
public static class DataSourceReader
{
    /// <summary>
    /// Runs a built statement (which it disposes) on its own connection from <paramref name="dataSource"/> and maps
    /// every row.
    /// </summary>
    public static async Task<List<T>> ReadAllAsync<T>(
        NpgsqlDataSource dataSource,
        NpgsqlCommand command,
        Func<System.Data.Common.DbDataReader, T> read,
        CancellationToken cancellationToken
    )
    {
        await using var owned = command;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs a built statement (which it disposes) and returns its first column of its first row.</summary>
    public static async Task<object?> ScalarAsync(
        NpgsqlDataSource dataSource,
        NpgsqlCommand command,
        CancellationToken cancellationToken
    )
    {
        await using var owned = command;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// Runs a built statement (which it disposes) that returns no rows; the number of rows it changed.
    /// </summary>
    public static async Task<int> ExecuteAsync(
        NpgsqlDataSource dataSource,
        NpgsqlCommand command,
        CancellationToken cancellationToken
    )
    {
        await using var owned = command;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
