using System.Text;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// CSV at /jobs/csv with the job list's own parameters (BigPanDA's JSON is in Api/). Both return the whole selection
/// up to JobList:ExportLimit and say when they stop there.
/// </summary>
public static class JobExportEndpoints
{
    private const string TruncatedHeader = "X-DarkSide-Truncated";

    public static WebApplication MapJobExports(this WebApplication app)
    {
        // Browsers with their cookie, scripts with an IAM access token: the same access rules for both.
        app.MapGet(
                MonitorUrls.JobsCsvPath,
                (HttpContext context) => ExportRequests.AnsweringDatabaseProblemsAsync(context, WriteCsvAsync)
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        return app;
    }

    private static async Task WriteCsvAsync(HttpContext context)
    {
        var (query, error) = ExportRequests.ParseExport(
            context,
            UrlQuery.From(context.Request).Without(UrlParameter.Page)
        );
        if (query is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(error!, context.RequestAborted);
            return;
        }

        var services = context.RequestServices;
        var viewer = await RequestViewer.ForAsync(context);
        var page = await services
            .GetRequiredService<JobRepository>()
            .GetJobsAsync(query, viewer, context.RequestAborted);
        await ExportRequests.AuditBlindExportAsync(context, viewer, page);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"darkside-jobs.csv\"";
        context.Response.Headers["X-Total-Count"] = page.Total.Value.ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );
        context.Response.Headers[TruncatedHeader] = page.Total.Value > page.Jobs.Count ? "true" : "false";
        var csv = new StringBuilder();
        csv.Append(CsvText.Line(JobExport.CsvHeader)).Append("\r\n");
        foreach (var job in page.Jobs)
        {
            csv.Append(CsvText.Line(JobExport.CsvRow(job, page.QueriedAtUtc))).Append("\r\n");
            if (csv.Length > 64 * 1024)
            {
                await context.Response.WriteAsync(csv.ToString(), context.RequestAborted);
                csv.Clear();
            }
        }

        await context.Response.WriteAsync(csv.ToString(), context.RequestAborted);
    }
}
