using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web;

/// <summary>
/// One table's order on one page: read from the table's parameter, and the links its headers give (the same page and
/// parameters, with that table's order changed). Rows are ordered on the server, so the order is in the URL and the
/// back button undoes it.
/// </summary>
public sealed class TableOrder
{
    private readonly string _path;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _parameters;

    private TableOrder(TableSortSpec spec, TableSort sort, string path, IReadOnlyList<KeyValuePair<string, string>> p)
    {
        Spec = spec;
        Sort = sort;
        _path = path;
        _parameters = p;
    }

    public TableSortSpec Spec { get; }

    public TableSort Sort { get; }

    /// <summary>
    /// The table's order in <paramref name="url"/>; a value that is no order of it is named in the errors.
    /// </summary>
    public static TableOrder Read(TableSortSpec spec, UrlQuery url, List<ParameterError> errors) =>
        new(spec, spec.Parse(url[spec.Parameter], errors), url.Path, url.Parameters);

    /// <summary>An order a page's parser already read, with links to the page at <paramref name="path"/>.</summary>
    public static TableOrder Of(
        TableSortSpec spec,
        TableSort sort,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> parameters
    ) => new(spec, sort, path, parameters);

    /// <summary>The default order, linking to <paramref name="path"/>: a table shown before a URL is read.</summary>
    public static TableOrder Default(TableSortSpec spec, string path) => new(spec, spec.Default, path, []);

    /// <summary>A column header's link: the other direction of the current column, else the column's first.</summary>
    public string Url(string key) =>
        MonitorUrls.With(_path, _parameters, Spec.Parameter, Spec.Next(Sort, key).ToString());

    public string Mark(string key) => TableSortSpec.Mark(Sort, key);
}
