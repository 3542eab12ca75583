using System.Globalization;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// Creates PanDA's tables for demo and test databases only; a real PanDA database already has them and the monitor
/// never changes it. Indexes are a separate step so a bulk load into a fresh database can run before them.
/// </summary>
public sealed partial class PandaSchemaInstaller(NpgsqlDataSource admin, PandaOptions options)
{
    private static readonly SqlResources Ddl = new(typeof(PandaSchemaInstaller).Assembly);

    private Dictionary<string, string> Schemas =>
        new() { ["panda"] = options.Schema, ["pandaarch"] = options.ArchiveSchema };

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = admin.CreateCommand("SELECT to_regclass(@table) IS NOT NULL");
        command.Parameters.AddWithValue("table", $"{options.Schema}.jobsarchived4");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Creates the schemas, tables and monthly jobsarchived4 partitions from <paramref name="firstMonth"/> to three
    /// months ahead.
    /// </summary>
    public async Task CreateTablesAsync(DateTime firstMonth, DateTime nowUtc, CancellationToken cancellationToken)
    {
        foreach (var name in Ddl.Names("panda").Where(n => !n.EndsWith("03_indexes.sql", StringComparison.Ordinal)))
        {
            await ExecuteAsync(Ddl.Read(name, Schemas), cancellationToken);
        }

        await CreateMonthlyPartitionsAsync(firstMonth, nowUtc.AddMonths(3), cancellationToken);
    }

    /// <summary>
    /// Builds PanDA's indexes, one connection per core, largest tables first so no connection idles at the end:
    /// after a bulk load this is most of the wait.
    /// </summary>
    public async Task CreateIndexesAsync(CancellationToken cancellationToken)
    {
        var script = Ddl.Read("panda/03_indexes.sql", Schemas)
            .Split('\n')
            .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal));
        var sizes = await TableSizesAsync(cancellationToken);
        var statements = string.Join('\n', script)
            .Split(';')
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .OrderByDescending(s => sizes.GetValueOrDefault(IndexedTable().Match(s).Groups[1].Value))
            .ToList();
        await Parallel.ForEachAsync(
            statements,
            new ParallelOptions
            {
                MaxDegreeOfParallelism = Environment.ProcessorCount,
                CancellationToken = cancellationToken,
            },
            async (statement, token) => await ExecuteAsync(statement, token)
        );
    }

    private async Task<Dictionary<string, long>> TableSizesAsync(CancellationToken cancellationToken)
    {
        await using var command = admin.CreateCommand(
            "SELECT n.nspname || '.' || c.relname, CASE WHEN c.relkind = 'p' THEN (SELECT "
                + "sum(pg_relation_size(i.inhrelid)) FROM pg_inherits i WHERE i.inhparent = c.oid) ELSE "
                + "pg_relation_size(c.oid) END "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
                + "ANY(@schemas) AND c.relkind IN ('r', 'p')"
        );
        command.Parameters.AddWithValue("schemas", new[] { options.Schema, options.ArchiveSchema });
        var sizes = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sizes[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1));
        }

        return sizes;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" ON (\w+\.\w+) ")]
    private static partial System.Text.RegularExpressions.Regex IndexedTable();

    /// <summary>
    /// pg_partman's monthly children of jobsarchived4 (docs/panda-data.md, "Partitions"), named as partman 4.x names
    /// them.
    /// </summary>
    public async Task CreateMonthlyPartitionsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        for (var month = new DateTime(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var name = $"jobsarchived4_p{month.ToString("yyyy_MM", CultureInfo.InvariantCulture)}";
            await ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS {options.Schema}.{name} PARTITION OF {options.Schema}.jobsarchived4 "
                    + $"FOR VALUES FROM ('{month:yyyy-MM-dd}') TO ('{month.AddMonths(1):yyyy-MM-dd}')",
                cancellationToken
            );
        }
    }

    /// <summary>Lets <paramref name="role"/> read PanDA's schemas and nothing more.</summary>
    public async Task GrantReadAsync(string role, CancellationToken cancellationToken)
    {
        foreach (var schema in new[] { options.Schema, options.ArchiveSchema })
        {
            await ExecuteAsync(
                $"GRANT USAGE ON SCHEMA {schema} TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}; "
                    + $"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {role};",
                cancellationToken
            );
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = admin.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
