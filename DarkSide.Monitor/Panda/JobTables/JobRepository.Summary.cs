using System.Data.Common;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.JobTables;

public sealed partial class JobRepository
{
    /// <summary>
    /// The attribute summary and the error summary of the whole selection (not just a page), in parallel.
    /// </summary>
    public async Task<JobSelectionSummary> GetSummaryAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        query = await ResolveAsync(query, cancellationToken);
        var attributes = ReadAttributesAsync(query, viewer, cancellationToken);
        var errors = ReadErrorsAsync(query, viewer, cancellationToken);
        await Task.WhenAll(attributes, errors);
        return new JobSelectionSummary(await attributes, await errors);
    }

    private async Task<IReadOnlyList<JobAttributeCounts>> ReadAttributesAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var fields = JobSummaryFields.All;
        var values = fields.Select(_ => new List<JobAttributeValue>()).ToArray();
        var rows = await panda.ReadAllAsync(
            sql.SummaryCommand(query, viewer),
            reader =>
            {
                // GROUPING(a, b, ...) sets a bit for every column NOT grouped; the first column is the highest bit.
                var mask = reader.GetInt32(0);
                var field = Enumerable.Range(0, fields.Count).Single(i => (mask & (1 << (fields.Count - 1 - i))) == 0);
                var value = reader.IsDBNull(field + 1) ? null : reader.GetString(field + 1).TrimEnd();
                return (Field: field, Value: new JobAttributeValue(value, reader.GetInt64(fields.Count + 1)));
            },
            cancellationToken
        );
        foreach (var (field, value) in rows)
        {
            values[field].Add(value);
        }

        return fields
            .Select(
                (f, i) =>
                    new JobAttributeCounts(
                        f.Parameter,
                        f.Label,
                        values[i].OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList()
                    )
            )
            .ToList();
    }

    public async Task<IReadOnlyList<JobErrorCount>> ReadErrorsAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        return await panda.ReadAllAsync(sql.ErrorSummaryCommand(query, viewer), ReadErrorCount, cancellationToken);
    }

    private static JobErrorCount ReadErrorCount(DbDataReader reader)
    {
        var (component, code) = (reader.GetString(0), reader.GetInt32(2));
        var description = reader.IsDBNull(6) ? null : reader.GetString(6);
        if (description is null && component == "pilot")
        {
            description = PilotErrorCodes.Describe(code);
        }

        return new JobErrorCount(
            component,
            reader.GetString(1),
            code,
            reader.GetInt64(3),
            description,
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetInt64(5),
            reader.IsDBNull(7) ? null : reader.GetInt16(7)
        );
    }
}

/// <summary>What the whole selection is made of: counts per attribute value, and its failures per error code.</summary>
public sealed record JobSelectionSummary(
    IReadOnlyList<JobAttributeCounts> Attributes,
    IReadOnlyList<JobErrorCount> Errors
);
