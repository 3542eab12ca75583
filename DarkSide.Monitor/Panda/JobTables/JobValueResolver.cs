using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// Turns a pattern on a column with few distinct values (produsername: "*rossi*") into the exact values it matches
/// (<see cref="ResolvedTextJobFilter"/>), read by skipping through each job table's index on the column: a dozen
/// index probes instead of testing the pattern on every job of the window. The values are matched in SQL by the same
/// predicate as the jobs would be, so the selection is the same; a negated or "Not specified" pattern, which also
/// selects jobs without a value, is left as it is.
/// </summary>
public sealed class JobValueResolver(PandaDatabase panda, JobSqlBuilder sql)
{
    private PandaSchema Tables => sql.Tables;

    public async Task<JobQuery> ResolveAsync(JobQuery query, CancellationToken cancellationToken)
    {
        if (!query.Filters.Any(Resolvable))
        {
            return query;
        }

        var filters = new List<JobFilter>();
        foreach (var filter in query.Filters)
        {
            filters.Add(
                filter is not TextJobFilter text ? filter
                : IsKnownSite(text)
                    ? new ResolvedTextJobFilter(
                        text.Field,
                        text.Pattern,
                        await SiteSpellingsAsync(text, cancellationToken)
                    )
                : Resolvable(text)
                    ? new ResolvedTextJobFilter(
                        text.Field,
                        text.Pattern,
                        await ValuesAsync(text, query, cancellationToken)
                    )
                : filter
            );
        }

        return query with
        {
            Filters = filters,
        };
    }

    private bool Resolvable(JobFilter filter) =>
        filter is TextJobFilter text
        && (
            IsKnownSite(text)
            || (
                text.Field.ResolvesToValues
                && text.Pattern.AnyOf.All(all => all.All(c => !c.Negated && c.Kind != TextMatch.NotSpecified))
            )
        );

    /// <summary>
    /// Sites named exactly, in any case: the spellings schedconfig knows for them and each as typed (what the
    /// unresolved predicate matches, <see cref="JobFilterSql"/>'s KnownSite), so the statement compares plain values.
    /// </summary>
    private bool IsKnownSite(TextJobFilter filter) =>
        filter.Field.Parameter == JobFields.ComputingSite
        && Tables.Has(PandaTable.SchedConfig)
        && filter.Pattern.AnyOf.All(all => all is [{ Negated: false, Kind: TextMatch.Equals }]);

    private async Task<IReadOnlyList<string>> SiteSpellingsAsync(
        TextJobFilter filter,
        CancellationToken cancellationToken
    )
    {
        var typed = filter.Pattern.AnyOf.Select(all => all[0].Value).Distinct(StringComparer.Ordinal).ToArray();
        var known = await panda.ReadAllAsync(
            SqlParameterBag.Command(
                $"SELECT s.panda_queue FROM {Tables.QualifiedName(PandaTable.SchedConfig)} s "
                    + "WHERE upper(s.panda_queue) = ANY(SELECT upper(t) FROM unnest(@typed) t)",
                ("typed", typed)
            ),
            r => r.GetString(0),
            cancellationToken
        );
        return [.. typed.Concat(known).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<string>> ValuesAsync(
        TextJobFilter filter,
        JobQuery query,
        CancellationToken cancellationToken
    )
    {
        var column = filter.Field.Column;
        var sources = new List<string>
        {
            Tables.QualifiedName(PandaTable.JobsDefined4),
            Tables.QualifiedName(PandaTable.JobsActive4),
            Tables.QualifiedName(PandaTable.JobsArchived4),
        };
        if (Tables.Has(PandaTable.JobsWaiting4))
        {
            sources.Add(Tables.QualifiedName(PandaTable.JobsWaiting4));
        }

        if (sql.ReadsArchive(query) && Tables.Has(PandaTable.ArchivedJobs))
        {
            sources.Add(Tables.QualifiedName(PandaTable.ArchivedJobs));
        }

        // A loose index scan per table: each step reads the next distinct value from the column's b-tree.
        var distinct = sources.Select(
            (table, i) =>
                $"d{i}(v) AS ((SELECT {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY {column} LIMIT 1) "
                + $"UNION ALL SELECT (SELECT {column} FROM {table} WHERE {column} > d{i}.v ORDER BY {column} LIMIT 1) "
                + $"FROM d{i} WHERE d{i}.v IS NOT NULL)"
        );
        var parameters = new SqlParameterBag();
        var predicate = JobFilterSql.Predicate(filter, parameters);
        var all = string.Join(" UNION ", sources.Select((_, i) => $"SELECT v FROM d{i}"));
        var statement =
            $"WITH RECURSIVE {string.Join(", ", distinct)} "
            + $"SELECT j.{column} FROM ({all}) j({column}) WHERE j.{column} IS NOT NULL AND {predicate}";
        return await panda.ReadAllAsync(parameters.ToCommand(statement), r => r.GetString(0), cancellationToken);
    }
}
