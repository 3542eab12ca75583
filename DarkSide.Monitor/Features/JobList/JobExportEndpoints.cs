using System.Globalization;
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

    public static IEndpointRouteBuilder MapJobExports(this IEndpointRouteBuilder app)
    {
        app.MapExportGroup(MonitorUrls.JobsPath).MapGet("/csv", CsvAsync);
        return app;
    }

    private static async Task<IResult> CsvAsync(
        HttpContext context,
        JobExportQuery exports,
        IJobListReader jobs,
        IRequestViewer viewers,
        ExportAudit audit
    )
    {
        var url = UrlQuery.From(context.Request);
        var (query, error) = exports.Parse(url.Without(UrlParameter.Page));
        if (query is null)
        {
            return ExportRequests.BadRequest(error!);
        }

        var viewer = await viewers.ForAsync(context);
        var page = await jobs.GetJobsAsync(query, viewer, context.RequestAborted);
        await audit.JobsAsync(context, viewer, page);
        var total = page.Total.Value;
        return new CsvResult(
            ExportFileName.For(
                "jobs",
                query.Window.FromUtc,
                query.Window.ToUtc ?? page.QueriedAtUtc,
                url.Parameters.Where(p => !NotInName.Contains(p.Key))
            ),
            page.Jobs.Select(job => JobExport.CsvRow(job, page.QueriedAtUtc)).Prepend(JobExport.CsvHeader),
            new Dictionary<string, string>
            {
                ["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture),
                [TruncatedHeader] = total > page.Jobs.Count ? "true" : "false",
            }
        );
    }

    /// <summary>
    /// Parameters that do not select jobs: the window is named by its bounds, paging and form not at all.
    /// </summary>
    private static readonly string[] NotInName =
    [
        .. WindowPolicy.AllParameters,
        UrlParameter.Page,
        UrlParameter.DisplayLimit,
        UrlParameter.SortBy,
    ];
}
