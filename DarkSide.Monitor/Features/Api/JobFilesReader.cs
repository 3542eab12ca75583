using System.Text.Json;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Db;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// The per-job extras of BigPanDA's JSON: files (filestable4, every column) and metadata (metatable, parsed as
/// metastruct). Callers pass only jobs whose blind-only values the viewer may see; missing tables give nothing.
/// </summary>
public sealed class JobFilesReader(PandaDatabase panda, IOptions<PandaOptions> options, PandaSchema tables)
{
    private string S => options.Value.Schema;

    public async Task<Dictionary<long, List<Dictionary<string, object?>>>> FilesAsync(
        long[] pandaIds,
        CancellationToken cancellationToken
    )
    {
        var files = new Dictionary<long, List<Dictionary<string, object?>>>();
        if (pandaIds.Length == 0 || !tables.Has(PandaTable.Files))
        {
            return files;
        }

        var command = SqlParameterBag.Command(
            $"SELECT * FROM {S}.filestable4 WHERE pandaid = ANY(@ids) ORDER BY pandaid, type, row_id",
            ("ids", pandaIds)
        );
        foreach (var row in await panda.ReadAllAsync(command, Row, cancellationToken))
        {
            var pandaId = (long)row["pandaid"]!;
            if (!files.TryGetValue(pandaId, out var list))
            {
                files[pandaId] = list = [];
            }

            list.Add(row);
        }

        return files;
    }

    /// <summary>Each job's latest metadata document, parsed; a document that is not JSON is returned as text.</summary>
    public async Task<Dictionary<long, object?>> MetadataAsync(long[] pandaIds, CancellationToken cancellationToken)
    {
        if (pandaIds.Length == 0 || !tables.Has(PandaTable.Metadata))
        {
            return [];
        }

        var command = SqlParameterBag.Command(
            $"SELECT DISTINCT ON (pandaid) pandaid, metadata FROM {S}.metatable WHERE pandaid = ANY(@ids) ORDER BY "
                + $"pandaid, modificationtime DESC",
            ("ids", pandaIds)
        );
        var rows = await panda.ReadAllAsync(
            command,
            r => (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1)),
            cancellationToken
        );
        return rows.ToDictionary(r => r.Item1, r => Parse(r.Item2));
    }

    private static object? Parse(string? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(metadata).RootElement.Clone();
        }
        catch (JsonException)
        {
            return metadata;
        }
    }

    private static Dictionary<string, object?> Row(System.Data.Common.DbDataReader r)
    {
        var row = new Dictionary<string, object?>(r.FieldCount, StringComparer.Ordinal);
        for (var i = 0; i < r.FieldCount; i++)
        {
            row[r.GetName(i)] = r.IsDBNull(i)
                ? null
                : BigPandaJson.Value(r.GetValue(i) is string s ? s.TrimEnd() : r.GetValue(i));
        }

        return row;
    }
}
