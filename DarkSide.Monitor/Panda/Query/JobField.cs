namespace DarkSide.Monitor.Panda.Query;

/// <summary>How a URL parameter's value is read and matched.</summary>
public enum JobFieldKind
{
    /// <summary>The §1.8 grammar; a term without '*' matches the whole value.</summary>
    Text,

    /// <summary>The §1.8 grammar; a term without '*' matches anywhere in the value (BigPanDA's produsername).</summary>
    TextContains,

    /// <summary>Always a substring match; '*' is ignored (BigPanDA's transformation).</summary>
    TextSubstring,

    /// <summary>Whole numbers separated by '|' or ','.</summary>
    NumberList,

    /// <summary>PanDA job states separated by '|' or ','.</summary>
    JobStatusList,

    /// <summary>lo:hi, inclusive.</summary>
    NumberRange,

    /// <summary>Exact values separated by '|' or ',' (BigPanDA's task status list).</summary>
    WordList,
}

/// <summary>
/// A filterable job attribute: the URL parameter, the whitelisted SQL column, and whether it is blind-only.
/// </summary>
public sealed record JobField(
    string Parameter,
    string Column,
    JobFieldKind Kind,
    bool BlindOnly = false,
    bool LiftsTimeWindow = false,
    bool CaseSensitive = false
)
{
    /// <summary>
    /// Few distinct values behind a b-tree in every job table (produsername): a pattern is worth resolving to them
    /// first (<see cref="ResolvedTextJobFilter"/>) instead of testing it on every row of the window.
    /// </summary>
    public bool ResolvesToValues { get; init; }
}
