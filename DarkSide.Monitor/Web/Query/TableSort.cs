namespace DarkSide.Monitor.Web.Query;

/// <summary>A table's order as sortby= gives it: a column key and a direction ("failurerate-desc").</summary>
public sealed record TableSort(string Key, bool Descending)
{
    public override string ToString() => Key + (Descending ? "-desc" : "-asc");
}

/// <summary>
/// The columns one table sorts by, its default order, and the sortby= grammar every table shares: a key, optionally
/// followed by -asc or -desc; a key alone sorts numbers largest first and names from A.
/// </summary>
public sealed class TableSortSpec(IReadOnlyList<string> keys, TableSort defaultSort, params string[] nameKeys)
{
    public IReadOnlyList<string> Keys { get; } = keys;

    public TableSort Default { get; } = defaultSort;

    /// <summary>
    /// Whether a parameter orders a page's second table ({table}_sortby): those order the rows already read, so
    /// they make no other query and share a live feed.
    /// </summary>
    public static bool OrdersShownRows(string parameter) =>
        parameter.EndsWith("_" + UrlParameter.SortBy, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The URL parameter holding the order: sortby for a page's main table, <c>{table}_sortby</c> for the others, so
    /// that sorting one table of a page keeps the order of the rest.
    /// </summary>
    public string Parameter { get; init; } = UrlParameter.SortBy;

    /// <summary>The first direction of a column: names ascending, numbers descending.</summary>
    public bool DescendingFirst(string key) => !nameKeys.Contains(key, StringComparer.Ordinal);

    public TableSort? TryParse(string text)
    {
        var parts = text.Split('-', 2);
        var key = Keys.FirstOrDefault(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return null;
        }

        return parts.Length == 1
            ? new TableSort(key, DescendingFirst(key))
            : parts[1].ToLowerInvariant() switch
            {
                "asc" or "ascending" => new(key, false),
                "desc" or "descending" => new(key, true),
                _ => null,
            };
    }

    /// <summary>sortby= of the URL, or the default; a value that is no order is named in the errors.</summary>
    public TableSort Parse(IReadOnlyDictionary<string, string> values, List<ParameterError> errors) =>
        Parse(values.TryGetValue(Parameter, out var text) ? text : null, errors);

    /// <summary>The order a parameter's text gives, or the default when it is absent.</summary>
    public TableSort Parse(string? text, List<ParameterError> errors)
    {
        if (text is null)
        {
            return Default;
        }

        if (TryParse(text) is { } sort)
        {
            return sort;
        }

        errors.Add(
            new(
                Parameter,
                $"'{text}' is not a sort order of this table; expected one of {string.Join(", ", Keys)}, optionally "
                    + "followed by -asc or -desc."
            )
        );
        return Default;
    }

    /// <summary>
    /// The order a header's link asks for: the other direction of the current column, else its first.
    /// </summary>
    public TableSort Next(TableSort current, string key) =>
        current.Key == key ? current with { Descending = !current.Descending } : new(key, DescendingFirst(key));

    /// <summary>The arrow a sorted column's header shows.</summary>
    public static string Mark(TableSort current, string key) =>
        current.Key != key ? ""
        : current.Descending ? "↓"
        : "↑";

    /// <summary>Rows in this order; ties keep the order given (a stable sort).</summary>
    public static IReadOnlyList<T> Order<T>(IEnumerable<T> rows, TableSort sort, Func<T, string, IComparable?> value)
    {
        var ordered = sort.Descending
            ? rows.OrderByDescending(r => value(r, sort.Key), NullsLast.Instance)
            : rows.OrderBy(r => value(r, sort.Key), NullsLast.Ascending);
        return ordered.ToList();
    }

    /// <summary>Compares values with rows without a value at the end, whichever the direction.</summary>
    private sealed class NullsLast(bool descending) : IComparer<IComparable?>
    {
        public static readonly NullsLast Instance = new(true);
        public static readonly NullsLast Ascending = new(false);

        public int Compare(IComparable? x, IComparable? y) =>
            (x, y) switch
            {
                (null, null) => 0,
                (null, _) => descending ? -1 : 1,
                (_, null) => descending ? 1 : -1,
                (string a, string b) => string.CompareOrdinal(a, b),
                _ => x.CompareTo(y),
            };
    }
}

/// <summary>One column a table sorts by: its sortby key, the value rows sort by, and whether it is a name.</summary>
public sealed record SortColumn<T>(string Key, Func<T, IComparable?> Value, bool IsName = false);

/// <summary>
/// A table whose rows are ordered on the server after they are read: its columns, its sortby grammar
/// (<see cref="Spec"/>) and its rows in an order.
/// </summary>
public sealed class SortColumns<T>
{
    private readonly Dictionary<string, Func<T, IComparable?>> _values;

    public SortColumns(string parameter, TableSort defaultSort, params SortColumn<T>[] columns)
    {
        _values = columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        Spec = new TableSortSpec(
            columns.Select(c => c.Key).ToList(),
            defaultSort,
            columns.Where(c => c.IsName).Select(c => c.Key).ToArray()
        )
        {
            Parameter = parameter,
        };
    }

    public TableSortSpec Spec { get; }

    /// <summary>The rows in this order; ties keep the order given.</summary>
    public IReadOnlyList<T> Apply(TableSort sort, IEnumerable<T> rows) =>
        TableSortSpec.Order(rows, sort, (row, key) => _values[key](row));
}
