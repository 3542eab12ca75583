using System.Data.Common;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.JobTables;

public sealed partial class JobRepository
{
    /// <summary>
    /// The attribute summary and the error summary of the whole selection (not just a page), in parallel. The hours
    /// of jobsarchived4 that the rollups hold are taken from them; the window's edges and the active tables are read.
    /// </summary>
    public async Task<JobSelectionSummary> GetSummaryAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        query = await ResolveAsync(query, cancellationToken);
        var rolledUp = sql.ReadsArchive(query) ? null : await _rollups.ReadAsync(query, viewer, cancellationToken);
        var attributes = ReadAttributesAsync(query, viewer, rolledUp, cancellationToken);
        var errors = ReadErrorsAsync(query, viewer, cancellationToken, rolledUp);
        await Task.WhenAll(attributes, errors);
        return new JobSelectionSummary(await attributes, await errors)
        {
            RolledUpHours = rolledUp?.ToUtc - rolledUp?.FromUtc,
        };
    }

    private async Task<IReadOnlyList<JobAttributeCounts>> ReadAttributesAsync(
        JobQuery query,
        ViewerAccess viewer,
        RolledUpJobSummary? rolledUp,
        CancellationToken cancellationToken
    )
    {
        var fields = JobSummaryFields.All;
        var counts = fields.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        var nulls = new long[fields.Count];
        void Add(int field, string? value, long jobs)
        {
            if (value is null)
            {
                nulls[field] += jobs;
            }
            else
            {
                counts[field][value] = counts[field].GetValueOrDefault(value) + jobs;
            }
        }

        var rows = await panda.ReadAllAsync(
            sql.SummaryCommand(query, viewer, rolledUp),
            reader =>
            {
                // GROUPING(a, b, ...) sets a bit for every column NOT grouped; the first column is the highest bit.
                var mask = reader.GetInt32(0);
                var field = Enumerable.Range(0, fields.Count).Single(i => (mask & (1 << (fields.Count - 1 - i))) == 0);
                var value = reader.IsDBNull(field + 1) ? null : reader.GetString(field + 1);
                return (Field: field, Value: value, Jobs: reader.GetInt64(fields.Count + 1));
            },
            cancellationToken
        );
        foreach (var (field, value, jobs) in rows)
        {
            Add(field, value, jobs);
        }

        foreach (var value in rolledUp?.Values ?? [])
        {
            Add(FieldIndex(value.Column), value.Value, value.Jobs);
        }

        return fields
            .Select(
                (f, i) =>
                    new JobAttributeCounts(
                        f.Parameter,
                        f.Label,
                        counts[i]
                            .Select(c => new JobAttributeValue(c.Key.TrimEnd(), c.Value))
                            .Concat(nulls[i] > 0 ? [new JobAttributeValue(null, nulls[i])] : [])
                            .OrderByDescending(v => v.Count)
                            .ThenBy(v => v.Value, StringComparer.Ordinal)
                            .ToList()
                    )
            )
            .ToList();
    }

    private static int FieldIndex(string column)
    {
        for (var i = 0; i < JobSummaryFields.All.Count; i++)
        {
            if (JobSummaryFields.All[i].Column == column)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The rollups count '{column}', which is not a summary attribute.");
    }

    public async Task<IReadOnlyList<JobErrorCount>> ReadErrorsAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken,
        RolledUpJobSummary? rolledUp = null
    ) => await panda.ReadAllAsync(sql.ErrorSummaryCommand(query, viewer, rolledUp), ReadErrorCount, cancellationToken);

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
)
{
    /// <summary>How much of jobsarchived4 came from the monitor's rollups (null: all read from PanDA).</summary>
    public TimeSpan? RolledUpHours { get; init; }
}
