using System.Globalization;
using System.Text;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Audit;

/// <summary>The audit trail as CSV for admins, with the page's own parameters (all pages, up to a limit).</summary>
public static class AuditExportEndpoints
{
    public const int CsvLimit = 100_000;

    private static readonly string[] Header =
    [
        "occurred_utc",
        "user_name",
        "subject",
        "action",
        "target",
        "detail",
        "remote_address",
    ];

    public static WebApplication MapAuditExport(this WebApplication app)
    {
        // Cookie or bearer token, and the export rate limit, like every other export.
        app.MapGet(MonitorUrls.AdminAuditCsvPath, WriteCsvAsync)
            .RequireAuthorization(IamBearerExtensions.ApiAdminPolicy);
        return app;
    }

    private static async Task WriteCsvAsync(HttpContext context, AuditLog audit, TimeProvider time)
    {
        var query = context.Request.Query;
        var selection = AuditQuery.Parse(
            query[UrlParameter.User].FirstOrDefault(),
            query[UrlParameter.Action].FirstOrDefault(),
            query[UrlParameter.Days].FirstOrDefault(),
            null,
            query[UrlParameter.DateFrom].FirstOrDefault(),
            query[UrlParameter.DateTo].FirstOrDefault(),
            time.GetUtcNow().UtcDateTime
        );
        if (selection.Problems.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(string.Join(" ", selection.Problems), context.RequestAborted);
            return;
        }

        var viewer = await RequestViewer.ForAsync(context);
        var (entries, total) = await audit.SearchAsync(
            selection.Selection(time.GetUtcNow().UtcDateTime),
            CsvLimit,
            context.RequestAborted
        );
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"darkside-audit.csv\"";
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-DarkSide-Truncated"] = total > entries.Count ? "true" : "false";
        var csv = new StringBuilder(CsvText.Line(Header)).Append("\r\n");
        foreach (var e in entries.Select(e => AuditRedaction.For(e, viewer)))
        {
            csv.Append(
                    CsvText.Line([
                        e.OccurredUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        e.UserName,
                        e.Subject,
                        e.Action,
                        e.Target,
                        e.Detail,
                        e.RemoteAddress,
                    ])
                )
                .Append("\r\n");
        }

        await context.Response.WriteAsync(csv.ToString(), context.RequestAborted);
    }
}
