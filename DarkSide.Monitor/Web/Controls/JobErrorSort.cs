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

    public static readonly TableSortSpec Spec = new(
        [Error, Jobs, Category, Description, Diagnostic, Example],
        new TableSort(Jobs, true),
        Error,
        Category,
        Description,
        Diagnostic
    )
    {
        Parameter = UrlParameter.CodesSortBy,
    };

    public static IReadOnlyList<JobErrorCount> Apply(TableSort sort, IEnumerable<JobErrorCount> errors) =>
        TableSortSpec.Order(
            errors,
            sort,
            (error, key) =>
                key switch
                {
                    Error => (error.Component, error.Code),
                    Jobs => error.Jobs,
                    Category => error.CategoryName,
                    Description => error.Description,
                    Diagnostic => error.SampleDiagnostic,
                    _ => error.ExamplePandaId,
                }
        );
}
