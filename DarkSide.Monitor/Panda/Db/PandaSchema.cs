using DarkSide.Monitor.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Panda.Db;

/// <summary>What the configured PanDA schemas lack: required objects (the app cannot run) and optional
/// tables.</summary>
public sealed record PandaSchemaReport(
    IReadOnlyList<string> Missing,
    IReadOnlyList<PandaTable> MissingOptional,
    IReadOnlyList<string> Notices
)
{
    public bool CanRun => Missing.Count == 0;
}

/// <summary>
/// Checks the configured schemas against <see cref="PandaTable.All"/> through the read-only connection, so a column the
/// reader role may not SELECT counts as missing too. Until a check has run every table is assumed to be there.
/// </summary>
public sealed class PandaSchema(IOptions<PandaOptions> options)
{
    private volatile PandaSchemaReport? _report;

    /// <summary>The last check's findings, or null before the database could be checked.</summary>
    public PandaSchemaReport? Report => _report;

    public bool Has(PandaTable table) => _report is not { } report || !report.MissingOptional.Contains(table);

    public string QualifiedName(PandaTable table) =>
        $"{(table.InArchiveSchema ? options.Value.ArchiveSchema : options.Value.Schema)}.{table.Name}";

    /// <summary>What a page using these tables must say about the ones that do not exist.</summary>
    public IReadOnlyList<string> NoticesFor(params PandaTable[] tables) =>
        tables.Where(t => !Has(t)).Select(Notice).ToList();

    public string Notice(PandaTable table) =>
        $"The table {QualifiedName(table)} does not exist or cannot be read; {table.WithoutIt}.";

    public async Task<PandaSchemaReport> CheckAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var columns = await DataSourceReader.ReadAllAsync(
            dataSource,
            SqlParameterBag.Command(
                "SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns "
                    + "WHERE table_schema = ANY(@schemas)",
                ("schemas", new[] { options.Value.Schema, options.Value.ArchiveSchema })
            ),
            reader => reader.GetString(0),
            cancellationToken
        );
        present.UnionWith(columns);

        var missing = new List<string>();
        var optional = new List<PandaTable>();
        foreach (var table in PandaTable.All)
        {
            var name = QualifiedName(table);
            var absent = table.Columns.Where(c => !present.Contains($"{name}.{c}")).ToList();
            if (absent.Count == 0)
            {
                continue;
            }

            if (!table.Required)
            {
                optional.Add(table);
            }
            else if (absent.Count == table.Columns.Count)
            {
                missing.Add($"{name} is missing (or the reader role may not read it)");
            }
            else
            {
                missing.AddRange(absent.Select(c => $"{name}.{c} is missing"));
            }
        }

        var report = new PandaSchemaReport(missing, optional, optional.Select(Notice).ToList());
        _textSortsByCodePoint = missing.Count == 0 && await SortsByCodePointAsync(dataSource, cancellationToken);
        _report = report;
        return report;
    }

    private volatile bool _textSortsByCodePoint;

    /// <summary>
    /// Whether jobname and jedi_datasets' datasetname sort by code point (collation C, POSIX or C.UTF-8 from libc), so
    /// that every value with a prefix lies in one b-tree range; false until checked, and for linguistic collations,
    /// where it may not.
    /// </summary>
    public bool TextSortsByCodePoint => _textSortsByCodePoint;

    private static readonly string[] CodePointCollations = ["C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"];

    private async Task<bool> SortsByCodePointAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // attcollation 100 is the database default: then the database's own libc collation decides.
        var collations = await DataSourceReader.ReadAllAsync(
            dataSource,
            SqlParameterBag.Command(
                "SELECT CASE WHEN a.attcollation = 100 THEN (SELECT CASE WHEN d.datlocprovider = 'c' THEN "
                    + "d.datcollate END FROM pg_database d WHERE d.datname = current_database()) "
                    + "WHEN c.collprovider = 'c' THEN c.collcollate END "
                    + "FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation "
                    + "WHERE (a.attrelid = to_regclass(@jobs) AND a.attname = 'jobname') "
                    + "OR (a.attrelid = to_regclass(@datasets) AND a.attname = 'datasetname')",
                ("jobs", QualifiedName(PandaTable.JobsArchived4)),
                ("datasets", QualifiedName(PandaTable.JediDatasets))
            ),
            reader => reader.IsDBNull(0) ? null : reader.GetString(0),
            cancellationToken
        );
        return collations is [_, _] && collations.All(c => c is not null && CodePointCollations.Contains(c));
    }
}
