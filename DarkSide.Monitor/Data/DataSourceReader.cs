using Npgsql;

namespace DarkSide.Monitor.Data;

/// <summary>
/// Runs built statements on a data source, PanDA's or the monitor's own: each on its own connection from the pool,
/// disposing the statement after.
/// </summary>
public static class DataSourceReader
{
    /// <summary>Runs a built statement and maps every row.</summary>
    public static Task<List<T>> ReadAllAsync<T>(
        NpgsqlDataSource dataSource,
        NpgsqlCommand command,
        Func<System.Data.Common.DbDataReader, T> read,
        CancellationToken cancellationToken
    ) =>
        OnItsOwnConnectionAsync(
            dataSource,
            command,
            async () =>
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(read(reader));
                }

                return rows;
            },
            cancellationToken
        );

    /// <summary>Runs a built statement and returns its first column of its first row.</summary>
    public static Task<object?> ScalarAsync(
        NpgsqlDataSource dataSource,
        NpgsqlCommand command,
        CancellationToken cancellationToken
    ) =>
        OnItsOwnConnectionAsync(
            dataSource,
            command,
            async () => await command.ExecuteScalarAsync(cancellationToken) is var value and not DBNull ? value : null,
            cancellationToken
        );

    /// <summary>Runs a built statement that returns no rows; the number of rows it changed.</summary>
    public static Task<int> ExecuteAsync(
        NpgsqlDataSource dataSource,
        NpgsqlCommand command,
        CancellationToken cancellationToken
    ) =>
        OnItsOwnConnectionAsync(
            dataSource,
            command,
            () => command.ExecuteNonQueryAsync(cancellationToken),
            cancellationToken
        );

    private static async Task<T> OnItsOwnConnectionAsync<T>(
        NpgsqlDataSource dataSource,
        NpgsqlCommand command,
        Func<Task<T>> run,
        CancellationToken cancellationToken
    )
    {
        await using var owned = command;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        return await run();
    }
}
