using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Panda.Db;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// A fresh database in the PostgreSQL cluster that ./test.sh starts, seeded with a small deterministic DarkSide
/// history through the real DDL, seeder and grants. The reader role can only SELECT, as in production.
/// </summary>
public sealed class PandaTestDatabase : IAsyncDisposable
{
    public const string ClusterVariable = "DARKSIDE_TEST_PG";
    public const string ReaderRole = "panda_reader";

    /// <summary>The fixed "now" of every seeded test database, so expected values do not drift.</summary>
    public static readonly DateTime SeededAtUtc = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private PandaTestDatabase(string name, string adminConnection, string readerConnection)
    {
        Name = name;
        AdminConnectionString = adminConnection;
        ReaderConnectionString = readerConnection;
        Admin = NpgsqlDataSource.Create(adminConnection);
        Reader = MonitorServiceExtensionsAccess.CreateReadOnly(readerConnection);
    }

    public string Name { get; }

    public string AdminConnectionString { get; }

    public string ReaderConnectionString { get; }

    public NpgsqlDataSource Admin { get; }

    public NpgsqlDataSource Reader { get; }

    public PandaOptions Options { get; } = new();

    /// <summary>
    /// The schema before the startup check ran: every table taken as present, blind datasets matched by pattern.
    /// </summary>
    public static PandaSchema Unchecked(PandaTestDatabase database) =>
        new(Microsoft.Extensions.Options.Options.Create(database.Options));

    public DemoSeedReport? Seed { get; private set; }

    /// <param name="settings">The demo history to seed, or null for PanDA's tables and the reference rows only.</param>
    /// <param name="nowUtc">Without a demo history: the "now" the reference rows are written around (default: seeded
    /// "now").</param>
    public static async Task<PandaTestDatabase> CreateAsync(
        DemoSettings? settings,
        CancellationToken cancellationToken = default,
        DateTime? nowUtc = null
    )
    {
        var now = settings?.NowUtc ?? nowUtc ?? SeededAtUtc;
        var cluster =
            Environment.GetEnvironmentVariable(ClusterVariable)
            ?? throw new InvalidOperationException(
                $"{ClusterVariable} is not set. Run the tests with ./test.sh, which starts a private PostgreSQL "
                    + $"and sets it."
            );
        var name = $"dsm_test_{Guid.NewGuid():N}"[..24];
        await using (var server = NpgsqlDataSource.Create(cluster))
        {
            await using (
                var role = server.CreateCommand(
                    // Fixtures starting at once on a fresh cluster would race to create the role otherwise.
                    $"DO $$ BEGIN PERFORM pg_advisory_xact_lock(4242); "
                        + $"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ReaderRole}') THEN "
                        + $"CREATE ROLE {ReaderRole} LOGIN; END IF; END $$"
                )
            )
            {
                await role.ExecuteNonQueryAsync(cancellationToken);
            }

            // CREATE DATABASE may not share a statement batch with anything else.
            await using var create = server.CreateCommand($"CREATE DATABASE {name}");
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var admin = new NpgsqlConnectionStringBuilder(cluster) { Database = name, Pooling = true }.ConnectionString;
        var reader = new NpgsqlConnectionStringBuilder(cluster)
        {
            Database = name,
            Username = ReaderRole,
            Password = null,
        }.ConnectionString;
        var database = new PandaTestDatabase(name, admin, reader);
        if (settings is not null)
        {
            database.Seed = await new DemoSeeder(
                database.Admin,
                database.Options,
                NullLogger<DemoSeeder>.Instance
            ).SeedAsync(settings, cancellationToken);
        }
        else
        {
            var installer = new PandaSchemaInstaller(database.Admin, database.Options);
            await installer.CreateTablesAsync(now.AddDays(-40), now, cancellationToken);
            await installer.CreateIndexesAsync(cancellationToken);
        }

        // Rows as PanDA writes them, with its NULLs and placeholders, beside whatever the generator made.
        await PandaReferenceRows.AddAsync(database.Admin, now, hasSeededJobs: settings is not null);
        await new PandaSchemaInstaller(database.Admin, database.Options).GrantReadAsync(ReaderRole, cancellationToken);
        return database;
    }

    private NpgsqlCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = Admin.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return (T)
            Convert.ChangeType(
                (await command.ExecuteScalarAsync())!,
                typeof(T),
                System.Globalization.CultureInfo.InvariantCulture
            );
    }

    /// <summary>
    /// The blind job with the lowest PandaID and its name, which viewers without blind access must never see.
    /// </summary>
    public async Task<(long PandaId, string JobName)> FirstBlindJobAsync()
    {
        await using var command = Command(
            $"SELECT pandaid, jobname FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} ORDER BY pandaid LIMIT 1",
            []
        );
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt64(0), reader.GetString(1))
            : throw new InvalidOperationException("The test database holds no blind job.");
    }

    public async Task<List<T>> ColumnAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(
                reader.IsDBNull(0)
                    ? default!
                    : (T)
                        Convert.ChangeType(
                            reader.GetValue(0),
                            Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T),
                            System.Globalization.CultureInfo.InvariantCulture
                        )
            );
        }

        return values;
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Admin.DisposeAsync();
        await Reader.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var cluster = Environment.GetEnvironmentVariable(ClusterVariable)!;
        await using var server = NpgsqlDataSource.Create(cluster);
        await using var command = server.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The same read-only data source the app builds for ConnectionStrings:Panda.</summary>
    private static class MonitorServiceExtensionsAccess
    {
        public static NpgsqlDataSource CreateReadOnly(string connectionString) =>
            DarkSide.Monitor.Hosting.MonitorServiceExtensions.CreateDataSource(connectionString, readOnly: true);
    }
}
