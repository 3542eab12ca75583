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
    public static IEndpointRouteBuilder MapUsageExports(this IEndpointRouteBuilder app)
    {
        app.MapExportGroup(MonitorUrls.UsagePath).MapGet("/csv", UsageAsync);
        app.MapExportGroup(MonitorUrls.MemoryPath).MapGet("/csv", MemoryAsync);
        app.MapExportGroup(MonitorUrls.SitesPath).MapGet("/csv", SitesAsync);
        app.MapExportGroup("/site").MapGet("/{computingsite}/csv", SiteAsync);
        return app;
    }

    private static async Task<IResult> UsageAsync(
        HttpContext context,
        UsageRepository usage,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        var (query, table, error) = Parse(context, UsageView.Usage, UsageCsv.UsageTables, "daily", time);
        if (query is null)
        {
            return ExportRequests.BadRequest(error!);
        }

        var report = await usage.GetUsageAsync(query, await viewers.ForAsync(context), context.RequestAborted);
        return new CsvResult(FileName($"usage-{table}", query), UsageCsv.Usage(report, table));
    }

    private static async Task<IResult> MemoryAsync(
        HttpContext context,
        UsageRepository usage,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        var (query, table, error) = Parse(context, UsageView.Memory, UsageCsv.MemoryTables, "histogram", time);
        if (query is null)
        {
            return ExportRequests.BadRequest(error!);
        }

        var report = await usage.GetMemoryAsync(query, await viewers.ForAsync(context), context.RequestAborted);
        return new CsvResult(FileName($"memory-{table}", query), UsageCsv.Memory(report, table, query));
    }

    private static async Task<IResult> SitesAsync(
        HttpContext context,
        SiteRepository sites,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        var parsed = SiteWindow(context, time, siteFilter: true);
        if (parsed.Window is not { } window)
        {
            return ExportRequests.BadRequest(Describe(parsed.Errors));
        }

        var rows = await sites.GetSitesAsync(window, await viewers.ForAsync(context), context.RequestAborted);
        return new CsvResult(
            ExportFileName.For("sites", window.From, window.AsOf, Filters(window.SiteFilter)),
            UsageCsv.Sites(rows with { Sites = SiteSort.Sorted(rows.Sites, parsed.Sort) })
        );
    }

    private static async Task<IResult> SiteAsync(
        HttpContext context,
        string computingsite,
        SiteRepository sites,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        var parsed = SiteWindow(context, time, siteFilter: false);
        if (parsed.Window is not { } window)
        {
            return ExportRequests.BadRequest(Describe(parsed.Errors));
        }

        var hours = await sites.GetSiteAsync(
            computingsite,
            window,
            await viewers.ForAsync(context),
            context.RequestAborted
        );
        return new CsvResult(
            ExportFileName.For("site-hours", window.From, window.AsOf, Filters(computingsite)),
            UsageCsv.Site(hours)
        );
    }

    private static string FileName(string view, UsageQuery query) =>
        ExportFileName.For(
            view,
            query.Window.From,
            query.Window.To,
            query.Filters.Select(f => new KeyValuePair<string, string>(f.Dimension.Parameter, f.Value))
        );

    private static IEnumerable<KeyValuePair<string, string>> Filters(string? computingSite) =>
        computingSite is null ? [] : [new(UrlParameter.ComputingSite, computingSite)];

    /// <summary>/sites/csv and /site/{name}/csv: the rolling window of the URL, or what is wrong with it.</summary>
    private static SiteParseResult SiteWindow(HttpContext context, TimeProvider time, bool siteFilter) =>
        UsageQueryParser.ParseSiteWindow(
            UrlQuery.From(context.Request).Values,
            time.GetUtcNow().UtcDateTime,
            siteFilter
        );

    private static (UsageQuery? Query, string Table, string? Error) Parse(
        HttpContext context,
        UsageView view,
        IReadOnlyList<string> tables,
        string fallback,
        TimeProvider time
    )
    {
        var query = UrlQuery.From(context.Request);
        var table = query[UrlParameter.Table] ?? fallback;
        var rest = query.Without(UrlParameter.Table);
        var parsed = UsageQueryParser.Parse(rest, time.GetUtcNow().UtcDateTime, view);
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

    private static string Describe(IEnumerable<ParameterError> errors) =>
        "Bad parameters: " + string.Join("; ", errors);
}
