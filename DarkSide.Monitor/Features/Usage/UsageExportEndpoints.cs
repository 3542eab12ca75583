using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// CSV beside every coordinator chart and table: /usage/csv?table=…, /memory/csv?table=…, /sites/csv,
/// /site/{name}/csv, with the page's own parameters and the same blind rules; browsers with their cookie, scripts
/// with an IAM token.
/// </summary>
public static class UsageExportEndpoints
{
    public static WebApplication MapUsageExports(this WebApplication app)
    {
        app.MapGet(
                MonitorUrls.UsagePath + "/csv",
                (HttpContext c) => ExportRequests.AnsweringDatabaseProblemsAsync(c, UsageAsync)
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet(
                MonitorUrls.MemoryPath + "/csv",
                (HttpContext c) => ExportRequests.AnsweringDatabaseProblemsAsync(c, MemoryAsync)
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet(
                MonitorUrls.SitesPath + "/csv",
                (HttpContext c) => ExportRequests.AnsweringDatabaseProblemsAsync(c, SitesAsync)
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet(
                "/site/{computingsite}/csv",
                (HttpContext c, string computingsite) =>
                    ExportRequests.AnsweringDatabaseProblemsAsync(c, x => SiteAsync(x, computingsite))
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        return app;
    }

    private static async Task UsageAsync(HttpContext context)
    {
        var (query, table, error) = Parse(context, UsageView.Usage, UsageCsv.UsageTables, "daily");
        if (query is null)
        {
            await ExportRequests.BadRequestAsync(context, error!);
            return;
        }

        var report = await context
            .RequestServices.GetRequiredService<UsageRepository>()
            .GetUsageAsync(query, await RequestViewer.ForAsync(context), context.RequestAborted);
        await ExportRequests.WriteCsvAsync(context, $"darkside-usage-{table}.csv", UsageCsv.Usage(report, table));
    }

    private static async Task MemoryAsync(HttpContext context)
    {
        var (query, table, error) = Parse(context, UsageView.Memory, UsageCsv.MemoryTables, "histogram");
        if (query is null)
        {
            await ExportRequests.BadRequestAsync(context, error!);
            return;
        }

        var report = await context
            .RequestServices.GetRequiredService<UsageRepository>()
            .GetMemoryAsync(query, await RequestViewer.ForAsync(context), context.RequestAborted);
        await ExportRequests.WriteCsvAsync(context, $"darkside-memory-{table}.csv", UsageCsv.Memory(report, table));
    }

    private static Task SitesAsync(HttpContext context) =>
        SiteWindowAsync(
            context,
            async (window, viewer) =>
                UsageCsv.Sites(
                    await context
                        .RequestServices.GetRequiredService<SiteRepository>()
                        .GetSitesAsync(window, viewer, context.RequestAborted)
                ),
            "darkside-sites.csv",
            siteFilter: true
        );

    private static Task SiteAsync(HttpContext context, string computingSite) =>
        SiteWindowAsync(
            context,
            async (window, viewer) =>
                UsageCsv.Site(
                    await context
                        .RequestServices.GetRequiredService<SiteRepository>()
                        .GetSiteAsync(computingSite, window, viewer, context.RequestAborted)
                ),
            "darkside-site-hours.csv"
        );

    /// <summary>
    /// /sites/csv and /site/{name}/csv: the rolling window of the URL, or 400 naming what is wrong with it.
    /// </summary>
    private static async Task SiteWindowAsync(
        HttpContext context,
        Func<SiteWindow, DarkSide.Monitor.Panda.Blinding.ViewerAccess, Task<IEnumerable<string[]>>> rows,
        string fileName,
        bool siteFilter = false
    )
    {
        var parsed = UsageQueryParser.ParseSiteWindow(
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value),
            Now(context),
            siteFilter
        );
        if (parsed.Window is not { } window)
        {
            await ExportRequests.BadRequestAsync(context, Describe(parsed.Errors));
            return;
        }

        await ExportRequests.WriteCsvAsync(
            context,
            fileName,
            await rows(window, await RequestViewer.ForAsync(context))
        );
    }

    private static (UsageQuery? Query, string Table, string? Error) Parse(
        HttpContext context,
        UsageView view,
        IReadOnlyList<string> tables,
        string fallback
    )
    {
        var query = UrlQuery.From(context.Request);
        var table = query[UrlParameter.Table] ?? fallback;
        var rest = query.Without(UrlParameter.Table);
        var parsed = UsageQueryParser.Parse(rest, Now(context), view);
        var errors = parsed.Errors.ToList();
        if (!tables.Contains(table))
        {
            errors.Add(
                new ParameterError(
                    "table",
                    $"'{table}' is not a table of this view; expected {string.Join(", ", tables)}."
                )
            );
        }

        return errors.Count > 0 ? (null, table, Describe(errors)) : (parsed.Query, table, null);
    }

    private static DateTime Now(HttpContext context) =>
        context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static string Describe(IEnumerable<ParameterError> errors) =>
        "Bad parameters: " + string.Join("; ", errors);
}
