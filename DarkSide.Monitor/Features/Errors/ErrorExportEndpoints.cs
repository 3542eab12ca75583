using System.Globalization;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Errors;

/// <summary>
/// /errors/csv?table=code|site|user|task with the error view's own parameters (and its default window): the table
/// the page shows, read by the same reader under the same blind rules.
/// </summary>
public static class ErrorExportEndpoints
{
    public static readonly IReadOnlyList<string> Tables = ["code", "site", "user", "task"];

    public static WebApplication MapErrorExports(this WebApplication app)
    {
        app.MapGet(
                MonitorUrls.ErrorsPath + "/csv",
                (HttpContext c) => ExportRequests.AnsweringDatabaseProblemsAsync(c, WriteAsync)
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        return app;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var table = context.Request.Query[UrlParameter.Table].ToString();
        var viewModel = new ErrorsViewModel(
            services.GetRequiredService<JobQueryParser>(),
            services.GetRequiredService<JobListOptions>(),
            services.GetRequiredService<TimeProvider>()
        );
        var request = context.Request;
        var query = QueryString.Create(request.Query.Where(q => q.Key != UrlParameter.Table));
        viewModel.SetLocation($"http://monitor{MonitorUrls.ErrorsPath}{query}");
        var problems = viewModel.Errors.Select(e => e.ToString()).ToList();
        if (!Tables.Contains(table))
        {
            problems.Add($"table: '{table}' is not a table of the error view; expected {string.Join(", ", Tables)}.");
        }

        if (problems.Count > 0 || viewModel.Query is not { } jobs)
        {
            await ExportRequests.BadRequestAsync(
                context,
                "This address cannot be exported: " + string.Join(" ", problems)
            );
            return;
        }

        var viewer = await RequestViewer.ForAsync(context);
        var summary = await services
            .GetRequiredService<IErrorSummaryReader>()
            .GetAsync(jobs, viewer, context.RequestAborted);
        await ExportRequests.WriteCsvAsync(context, $"darkside-errors-by-{table}.csv", Lines(summary, table));
    }

    public static IEnumerable<IEnumerable<string?>> Lines(ErrorSummary summary, string table)
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
        foreach (var g in groups)
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
}
