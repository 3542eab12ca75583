using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web.Controls;

/// <summary>
/// The error-code table's columns (codes_sortby=, so it sorts apart from a page's main table); most jobs first. It
/// orders the rows the viewer was given, already redacted, so no order says anything a cell does not.
/// </summary>
public static class JobErrorSort
{
    public const string Error = "error";
    public const string Jobs = "jobs";
    public const string Category = "category";
    public const string Description = "description";
    public const string Diagnostic = "diagnostic";
    public const string Example = "example";

    public static readonly SortColumns<JobErrorCount> Columns = new(
        UrlParameter.CodesSortBy,
        new TableSort(Jobs, true),
        new(Error, e => (e.Component, e.Code), IsName: true),
        new(Jobs, e => e.Jobs),
        new(Category, e => e.CategoryName, IsName: true),
        new(Description, e => e.Description, IsName: true),
        new(Diagnostic, e => e.SampleDiagnostic, IsName: true),
        new(Example, e => e.ExamplePandaId)
    );

    public static TableSortSpec Spec => Columns.Spec;

    public static IReadOnlyList<JobErrorCount> Apply(TableSort sort, IEnumerable<JobErrorCount> errors) =>
        Columns.Apply(sort, errors);
}
