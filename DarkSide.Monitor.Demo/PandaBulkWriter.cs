using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// Binary COPY into one PanDA table. Column types are read from the catalogue, because the job tables differ
/// (jobsdefined4 keeps integer where jobsactive4 has bigint) and binary COPY needs exact widths.
/// </summary>
public sealed class PandaBulkWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _importer;
    private readonly NpgsqlDbType[] _types;

    private PandaBulkWriter(NpgsqlConnection connection, NpgsqlBinaryImporter importer, NpgsqlDbType[] types)
    {
        _connection = connection;
        _importer = importer;
        _types = types;
    }

    public IReadOnlyList<string> Columns { get; private init; } = [];

    public long Rows { get; private set; }

    public static async Task<PandaBulkWriter> OpenAsync(
        NpgsqlDataSource dataSource,
        string schema,
        string table,
        IReadOnlyList<string> columns,
        CancellationToken cancellationToken
    )
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var types = await ReadTypesAsync(connection, schema, table, columns, cancellationToken);
        var importer = await connection.BeginBinaryImportAsync(
            $"COPY {schema}.{table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)",
            cancellationToken
        );
        return new PandaBulkWriter(connection, importer, types) { Columns = columns };
    }

    /// <summary>
    /// Writes one row; values are in <see cref="Columns"/> order and converted to each column's type. Synchronous on
    /// purpose: the importer buffers, and an await per value costs more than the COPY itself.
    /// </summary>
    public void WriteRow(object?[] values)
    {
        _importer.StartRow();
        for (var i = 0; i < _types.Length; i++)
        {
            var value = values[i];
            if (value is null)
            {
                _importer.WriteNull();
                continue;
            }

            var type = _types[i];
            object converted = type switch
            {
                NpgsqlDbType.Bigint => Convert.ToInt64(value),
                NpgsqlDbType.Integer => Convert.ToInt32(value),
                NpgsqlDbType.Smallint => Convert.ToInt16(value),
                NpgsqlDbType.Numeric => Convert.ToDecimal(value),
                NpgsqlDbType.Timestamp => DateTime.SpecifyKind((DateTime)value, DateTimeKind.Unspecified),
                _ => value,
            };
            _importer.Write(converted, type);
        }

        Rows++;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken) =>
        await _importer.CompleteAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _importer.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task<NpgsqlDbType[]> ReadTypesAsync(
        NpgsqlConnection connection,
        string schema,
        string table,
        IReadOnlyList<string> columns,
        CancellationToken cancellationToken
    )
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = @schema AND "
                + "table_name = @table",
            connection
        );
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        var types = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return columns
            .Select(c =>
                types.TryGetValue(c, out var t)
                    ? Map(t)
                    : throw new InvalidOperationException($"{schema}.{table} has no column '{c}'.")
            )
            .ToArray();
    }

    private static NpgsqlDbType Map(string dataType) =>
        dataType switch
        {
            "bigint" => NpgsqlDbType.Bigint,
            "integer" => NpgsqlDbType.Integer,
            "smallint" => NpgsqlDbType.Smallint,
            "numeric" => NpgsqlDbType.Numeric,
            "timestamp without time zone" => NpgsqlDbType.Timestamp,
            "character varying" => NpgsqlDbType.Varchar,
            "character" => NpgsqlDbType.Char,
            "text" => NpgsqlDbType.Text,
            "json" => NpgsqlDbType.Json,
            _ => throw new NotSupportedException($"No COPY mapping for PostgreSQL type {dataType}."),
        };
}
