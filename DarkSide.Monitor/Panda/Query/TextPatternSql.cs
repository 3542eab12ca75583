using System.Globalization;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>
/// The job list's text grammar (<see cref="TextPattern"/>) over a column of the monitor's own tables (rollups, audit
/// trail), so /usage?computingsite=CNAF* selects what /jobs?computingsite=CNAF* does. Those tables keep an unset
/// attribute as '' (or NULL); values compare without regard to case, as the job list does for sites and users.
/// PanDA's own tables use <see cref="JobFilterSql"/>, which reads their indexes.
/// </summary>
public static class TextPatternSql
{
    public static string Predicate(
        string column,
        TextPattern pattern,
        string prefix,
        List<(string Name, object Value)> parameters
    )
    {
        var alternatives = pattern.AnyOf.Select(all =>
            "(" + string.Join(" AND ", all.Select(c => Condition(column, c, prefix, parameters))) + ")"
        );
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static string Condition(
        string column,
        TextCondition condition,
        string prefix,
        List<(string Name, object Value)> parameters
    )
    {
        string Add(string value)
        {
            var name = prefix + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, value));
            return "@" + name;
        }

        var positive = condition.Kind switch
        {
            TextMatch.HasValue => $"coalesce({column}, '') <> ''",
            TextMatch.NotSpecified => $"coalesce({column}, '') = ''",
            TextMatch.Like => $"upper({column}) LIKE upper({Add(condition.ToLikePattern())})",
            _ => $"upper({column}) = upper({Add(condition.Value)})",
        };
        return condition.Negated ? $"NOT {positive}" : positive;
    }
}
