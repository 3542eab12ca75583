using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Errors;

/// <summary>
/// The order of the error view's site, user and task tables: one sortby= for all three, so they read side by side.
/// BigPanDA's sortby=count (most errors first, the default) and sortby=alpha (by name) are taken as they are.
/// </summary>
public static class ErrorGroupSort
{
    public const string Name = "name";

    public const string Errors = "errors";

    public static readonly TableSortSpec Spec = new(
        [Name, Errors, "failed", "holding", "finished", "failurerate"],
        new TableSort(Errors, true),
        Name
    );

    /// <summary>
    /// sortby= of the URL (BigPanDA's names too), or the default; a bad value is named in the errors.
    /// </summary>
    public static TableSort Parse(string? value, List<ParameterError> errors) =>
        value switch
        {
            null or "count" => Spec.Default,
            "alpha" => new TableSort(Name, false),
            _ => Spec.Parse(new Dictionary<string, string> { [UrlParameter.SortBy] = value }, errors),
        };

    public static IReadOnlyList<ErrorGroup> Sorted(IEnumerable<ErrorGroup> groups, TableSort sort) =>
        TableSortSpec.Order(
            groups.OrderBy(g => g.Value, StringComparer.Ordinal),
            sort,
            (group, key) =>
                key switch
                {
                    Name => group.Value,
                    "failed" => group.Failed,
                    "holding" => group.Holding,
                    "finished" => group.Finished,
                    "failurerate" => group.FailurePercent,
                    _ => group.Failed + group.Holding,
                }
        );
}
