using System.Text.RegularExpressions;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>
/// BigPanDA's string filter grammar (docs/bigpanda-compatibility.md, "Filter grammar"): '|' separates alternatives
/// (OR), ',' inside an alternative combines conditions (AND), a leading '!' negates, '*' is a wildcard, '*' alone means
/// "has a value", and "Not specified" means NULL or empty.
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

    /// <summary>
    /// The grammar applied to a value in memory, without regard to case (for lists merged from several sources,
    /// such as the site list); SQL filters use their own predicates.
    /// </summary>
    public bool Matches(string? value) => AnyOf.Any(all => all.All(c => c.Matches(value)));
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

    public bool Matches(string? text)
    {
        var positive = Kind switch
        {
            TextMatch.HasValue => !string.IsNullOrEmpty(text),
            TextMatch.NotSpecified => string.IsNullOrEmpty(text),
            TextMatch.Like => text is not null
                && Regex.IsMatch(
                    text,
                    "^" + string.Join(".*", Value.Split('*').Select(Regex.Escape)) + "$",
                    RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant,
                    TimeSpan.FromSeconds(1)
                ),
            _ => string.Equals(text, Value, StringComparison.OrdinalIgnoreCase),
        };
        return positive != Negated;
    }

    /// <summary>The value as a SQL LIKE pattern: LIKE's own wildcards are escaped, '*' becomes '%'.</summary>
    public string ToLikePattern() => EscapeLike(Value).Replace("*", "%");

    public static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
