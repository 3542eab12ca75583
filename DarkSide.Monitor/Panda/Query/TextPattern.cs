namespace DarkSide.Monitor.Panda.Query;

/// <summary>
/// BigPanDA's string filter grammar (bigpanda-monitor.md §1.8): '|' separates alternatives (OR), ',' inside an
/// alternative combines conditions (AND), a leading '!' negates, '*' is a wildcard, '*' alone means "has a value",
/// and "Not specified" means NULL or empty.
/// </summary>
public sealed record TextPattern(IReadOnlyList<IReadOnlyList<TextCondition>> AnyOf)
{
    public const string NotSpecified = "Not specified";

    public static TextPattern Parse(string value) =>
        new(
            value
                .Split('|')
                .Select(alternative =>
                    (IReadOnlyList<TextCondition>)alternative.Split(',').Select(TextCondition.Parse).ToList()
                )
                .ToList()
        );

    /// <summary>True when an alternative or condition is empty, as in "a||b", "a," or "!".</summary>
    public bool HasEmptyTerm => AnyOf.Any(all => all.Any(c => c.Value.Length == 0));
}

public enum TextMatch
{
    /// <summary>The whole value, compared without regard to case.</summary>
    Equals,

    /// <summary>A pattern with '*' wildcards, compared without regard to case.</summary>
    Like,

    /// <summary>'*' alone: the column has a value.</summary>
    HasValue,

    /// <summary>"Not specified": the column is NULL or empty.</summary>
    NotSpecified,
}

public sealed record TextCondition(bool Negated, TextMatch Kind, string Value)
{
    public static TextCondition Parse(string term)
    {
        var negated = term.StartsWith('!');
        var value = negated ? term[1..] : term;
        var kind = value switch
        {
            "*" => TextMatch.HasValue,
            TextPattern.NotSpecified => TextMatch.NotSpecified,
            _ when value.Contains('*') => TextMatch.Like,
            _ => TextMatch.Equals,
        };
        return new TextCondition(negated, kind, value);
    }

    /// <summary>The value as a SQL LIKE pattern: LIKE's own wildcards are escaped, '*' becomes '%'.</summary>
    public string ToLikePattern() => EscapeLike(Value).Replace("*", "%");

    public static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
