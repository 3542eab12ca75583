using System.Globalization;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Mvc;

namespace DarkSide.Monitor.Features.Errors;

/// <summary>
/// /errors/csv?table=code|site|user|task with the error view's own parameters (and its default window): the table
/// the page shows, read by the same reader under the same blind rules.
/// </summary>
public static class ErrorExportEndpoints
{
    public static readonly IReadOnlyList<string> Tables = ["code", "site", "user", "task"];

    public static IEndpointRouteBuilder MapErrorExports(this IEndpointRouteBuilder app)
    {
        app.MapExportGroup(MonitorUrls.ErrorsPath).MapGet("/csv", CsvAsync);
        return app;
    }

    private static async Task<IResult> CsvAsync(
        HttpContext context,
        [FromQuery(Name = UrlParameter.Table)] string[]? table,
        JobQueryParser parser,
        ErrorViewOptions options,
        TimeProvider time,
        IErrorSummaryReader errors,
        IRequestViewer viewers
    )
    {
        var url = UrlQuery.From(context.Request);
        var (parameters, result) = ErrorViewQuery.Read(
            url,
            parser,
            options,
            time.GetUtcNow().UtcDateTime,
            UrlParameter.Table
        );
        var sortErrors = new List<ParameterError>();
        var sort = ErrorGroupSort.Parse(url[UrlParameter.SortBy], sortErrors);
        var problems = result.Errors.Concat(sortErrors).Select(e => e.ToString()).ToList();
        if (!Tables.Contains(Joined(table)))
        {
            problems.Add(
                $"table: '{Joined(table)}' is not a table of the error view; expected {string.Join(", ", Tables)}."
            );
        }

        if (problems.Count > 0 || result.Query is not { } jobs)
        {
            return ExportRequests.BadRequest("This address cannot be exported: " + string.Join(" ", problems));
        }

        var viewer = await viewers.ForAsync(context);
        var summary = await errors.GetAsync(jobs, viewer, context.RequestAborted);
        return new CsvResult(
            ExportFileName.For(
                $"errors-by-{Joined(table)}",
                jobs.Window.FromUtc,
                jobs.Window.ToUtc ?? time.GetUtcNow().UtcDateTime,
                parameters.Where(p => !WindowPolicy.AllParameters.Contains(p.Key))
            ),
            Lines(summary, Joined(table), sort)
        );
    }

    public static IEnumerable<IEnumerable<string?>> Lines(ErrorSummary summary, string table, TableSort sort)
    {
        if (table == "code")
        {
            yield return ErrorCodeCsv.Header(withDiagnostic: true);
            foreach (var e in summary.ByCode)
            {
                yield return ErrorCodeCsv.Row(e, withDiagnostic: true);
            }

            yield break;
        }

        var (name, groups) = table switch
        {
            "site" => (UrlParameter.ComputingSite, summary.BySite),
            "user" => (UrlParameter.ProdUserName, summary.ByUser),
            _ => (UrlParameter.JediTaskId, summary.ByTask),
        };
        yield return [name, "failed", "finished", "holding", "jobs", "failure_percent"];
        foreach (var g in ErrorGroupSort.Sorted(groups, sort))
        {
            yield return
            [
                g.Value,
                Number(g.Failed),
                Number(g.Finished),
                Number(g.Holding),
                Number(g.Jobs),
                g.FailurePercent?.ToString("0.0", CultureInfo.InvariantCulture),
            ];
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The table parameter as given; repeated, its values joined (and so no table's name).</summary>
    private static string Joined(string[]? table) => string.Join(",", table ?? []);
}
