using DarkSide.Monitor.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Store;

/// <summary>
/// Applies the numbered scripts in Data/Sql/monitor to the monitor's own schema, each once, in order, in one
/// transaction each. An advisory lock keeps two starting instances from migrating at the same time.
/// </summary>
public sealed class MonitorMigrator(
    MonitorDatabase database,
    IOptions<MonitorStoreOptions> options,
    ILogger<MonitorMigrator> logger
)
{
    private const long LockKey = 0x44534d4f4e; // "DSMON"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var schema = options.Value.Schema;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(
                connection,
                null,
                $"CREATE SCHEMA IF NOT EXISTS {schema}; CREATE TABLE IF NOT EXISTS {schema}.schema_migrations "
                    + "(version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken
            );
            var applied = await AppliedAsync(connection, schema, cancellationToken);
            var newlyApplied = new List<string>();
            foreach (var name in SqlResources.Monitor.Names("monitor"))
            {
                var version = Path.GetFileNameWithoutExtension(name);
                if (applied.Contains(version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(
                    connection,
                    transaction,
                    SqlResources.Monitor.Read(name, new Dictionary<string, string> { ["monitor"] = schema }),
                    cancellationToken
                );
                await using (
                    var record = SqlParameterBag.Command(
                        $"INSERT INTO {schema}.schema_migrations (version) VALUES (@version)",
                        ("version", version)
                    )
                )
                {
                    record.Connection = connection;
                    record.Transaction = transaction;
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied monitor migration {Version} to schema {Schema}", version, schema);
                newlyApplied.Add(version);
            }

            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task<HashSet<string>> AppliedAsync(
        NpgsqlConnection connection,
        string schema,
        CancellationToken cancellationToken
    )
    {
        await using var command = new NpgsqlCommand($"SELECT version FROM {schema}.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string sql,
        CancellationToken cancellationToken
    )
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
