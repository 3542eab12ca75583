using DarkSide.Monitor.Data;
using NpgsqlTypes;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>Turns parsed filters into parameterised SQL predicates over a job row aliased <c>j</c>.</summary>
internal static class JobFilterSql
{
    public static string Predicate(JobFilter filter, SqlParameterBag parameters, TextIndexHints? hints = null)
    {
        var column = "j." + filter.Field.Column;
        return filter switch
        {
            // One value as plain equality: the planner then carries it into joins on the column (e.g. the retry
            // history's jeditaskid), which it does not for = ANY.
            NumberListJobFilter { Values: [var single] } => $"{column} = {parameters.Add(single)}",
            NumberListJobFilter numbers =>
                $"{column} = ANY({parameters.Add(numbers.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint)})",
            StatusListJobFilter statuses => $"{column} = "
                + $"ANY({parameters.Add(statuses.Statuses.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})",
            RangeJobFilter range => $"{column} BETWEEN {parameters.Add(range.Low)} AND {parameters.Add(range.High)}",
            ErrorMessageJobFilter message => ErrorMessage(message, parameters),
            TextJobFilter text => Text(text, column, parameters, hints ?? TextIndexHints.None),
            ResolvedTextJobFilter resolved =>
                $"{column} = ANY({parameters.Add(resolved.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})",
            _ => throw new NotSupportedException($"No SQL for {filter.GetType().Name}."),
        };
    }

    private static string ErrorMessage(ErrorMessageJobFilter filter, SqlParameterBag parameters)
    {
        var message = parameters.Add(filter.Message, NpgsqlDbType.Text);
        return "(" + string.Join(" OR ", filter.Components.Select(c => $"j.{c.DiagColumn} = {message}")) + ")";
    }

    private static string Text(TextJobFilter filter, string column, SqlParameterBag parameters, TextIndexHints hints)
    {
        var alternatives = filter.Pattern.AnyOf.Select(all =>
            "(" + string.Join(" AND ", all.Select(c => Condition(filter.Field, c, column, parameters, hints))) + ")"
        );
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static string Condition(
        JobField field,
        TextCondition condition,
        string column,
        SqlParameterBag parameters,
        TextIndexHints hints
    )
    {
        var positive = condition.Kind switch
        {
            TextMatch.HasValue => $"{column} IS NOT NULL",
            TextMatch.NotSpecified => $"({column} IS NULL OR {column} = '')",
            TextMatch.Like when hints.PrefixRanges && !condition.Negated && field.CaseSensitive => PrefixRange(
                condition,
                column,
                parameters
            ),
            TextMatch.Equals when hints.KnownSites is { } sites && field.Parameter == JobFields.ComputingSite =>
                KnownSite(condition, column, sites, parameters),
            _ => Match(field, condition, column, parameters),
        };

        // A negated condition keeps rows without a value: "!pmerge" means "anything but pmerge".
        return !condition.Negated ? positive
            : condition.Kind is TextMatch.HasValue or TextMatch.NotSpecified ? $"NOT {positive}"
            : $"({column} IS NULL OR NOT {positive})";
    }

    /// <summary>
    /// <c>LIKE 'ds20k.sim.*'</c> as LIKE plus the range ['ds20k.sim.', 'ds20k.sim/'): the same rows, but the range
    /// lets the planner read the column's b-tree instead of every row of the window.
    /// </summary>
    private static string PrefixRange(TextCondition condition, string column, SqlParameterBag parameters)
    {
        var like = $"{column} LIKE {parameters.Add(condition.ToLikePattern(), NpgsqlDbType.Text)}";
        var prefix = condition.Value[..condition.Value.IndexOf('*', StringComparison.Ordinal)];
        if (prefix.Length == 0 || char.IsSurrogate(prefix[^1]) || prefix[^1] >= '\uD7FF')
        {
            return like;
        }

        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return $"({like} AND {column} >= {parameters.Add(prefix, NpgsqlDbType.Text)} "
            + $"AND {column} < {parameters.Add(upper, NpgsqlDbType.Text)})";
    }

    /// <summary>
    /// A site without regard to case, as the index on computingsite can read it: the spellings schedconfig knows
    /// for it (and the value as typed) by equality, then the case-insensitive check itself.
    /// </summary>
    private static string KnownSite(TextCondition condition, string column, string sites, SqlParameterBag parameters)
    {
        var value = parameters.Add(condition.Value, NpgsqlDbType.Text);
        return $"({column} = ANY(ARRAY({sites} WHERE upper(s.panda_queue) = upper({value})) || {value}) "
            + $"AND upper({column}) = upper({value}))";
    }

    private static string Match(JobField field, TextCondition condition, string column, SqlParameterBag parameters)
    {
        var substring =
            field.Kind == JobFieldKind.TextSubstring
            || (field.Kind == JobFieldKind.TextContains && condition.Kind == TextMatch.Equals);
        if (substring)
        {
            var pattern = "%" + TextCondition.EscapeLike(condition.Value.Replace("*", "")) + "%";
            return $"upper({column}) LIKE upper({parameters.Add(pattern, NpgsqlDbType.Text)})";
        }

        if (condition.Kind == TextMatch.Like)
        {
            var pattern = parameters.Add(condition.ToLikePattern(), NpgsqlDbType.Text);
            return field.CaseSensitive ? $"{column} LIKE {pattern}" : $"upper({column}) LIKE upper({pattern})";
        }

        var value = parameters.Add(condition.Value, NpgsqlDbType.Text);
        return field.CaseSensitive ? $"{column} = {value}" : $"upper({column}) = upper({value})";
    }
}

/// <summary>What the PanDA database offers for reading text filters through its own indexes.</summary>
/// <param name="PrefixRanges">Text sorts by code point, so a wildcard's literal prefix can also be a b-tree range
/// (LIKE alone uses an index only under collation C).</param>
/// <param name="KnownSites">A SELECT of schedconfig's queue names aliased <c>s</c>, or null without the table.</param>
public sealed record TextIndexHints(bool PrefixRanges, string? KnownSites)
{
    public static readonly TextIndexHints None = new(false, null);
}
