using DarkSide.Monitor.Panda.Db;
using NpgsqlTypes;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>Turns parsed filters into parameterised SQL predicates over a job row aliased <c>j</c>.</summary>
internal static class JobFilterSql
{
    public static string Predicate(JobFilter filter, SqlParameterBag parameters)
    {
        var column = "j." + filter.Field.Column;
        return filter switch
        {
            NumberListJobFilter numbers =>
                $"{column} = ANY({parameters.Add(numbers.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint)})",
            StatusListJobFilter statuses => $"{column} = "
                + $"ANY({parameters.Add(statuses.Statuses.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})",
            RangeJobFilter range => $"{column} BETWEEN {parameters.Add(range.Low)} AND {parameters.Add(range.High)}",
            ErrorMessageJobFilter message => ErrorMessage(message, parameters),
            TextJobFilter text => Text(text, column, parameters),
            _ => throw new NotSupportedException($"No SQL for {filter.GetType().Name}."),
        };
    }

    private static string ErrorMessage(ErrorMessageJobFilter filter, SqlParameterBag parameters)
    {
        var message = parameters.Add(filter.Message, NpgsqlDbType.Text);
        return "(" + string.Join(" OR ", filter.Components.Select(c => $"j.{c.DiagColumn} = {message}")) + ")";
    }

    private static string Text(TextJobFilter filter, string column, SqlParameterBag parameters)
    {
        var alternatives = filter.Pattern.AnyOf.Select(all =>
            "(" + string.Join(" AND ", all.Select(c => Condition(filter.Field, c, column, parameters))) + ")"
        );
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static string Condition(JobField field, TextCondition condition, string column, SqlParameterBag parameters)
    {
        var positive = condition.Kind switch
        {
            TextMatch.HasValue => $"{column} IS NOT NULL",
            TextMatch.NotSpecified => $"({column} IS NULL OR {column} = '')",
            _ => Match(field, condition, column, parameters),
        };

        // A negated condition keeps rows without a value: "!pmerge" means "anything but pmerge".
        return !condition.Negated ? positive
            : condition.Kind is TextMatch.HasValue or TextMatch.NotSpecified ? $"NOT {positive}"
            : $"({column} IS NULL OR NOT {positive})";
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
