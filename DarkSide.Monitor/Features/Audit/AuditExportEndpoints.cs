using System.Globalization;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Mvc;

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

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        // Cookie or bearer token, and the export rate limit, like every other export; admins only.
        app.MapExportGroup(MonitorUrls.AdminAuditPath, IamBearerExtensions.ApiAdminPolicy).MapGet("/csv", CsvAsync);
        return app;
    }

    private static async Task<IResult> CsvAsync(
        HttpContext context,
        [FromQuery] string? user,
        [FromQuery] string? action,
        [FromQuery] string? days,
        [FromQuery(Name = UrlParameter.DateFrom)] string? dateFrom,
        [FromQuery(Name = UrlParameter.DateTo)] string? dateTo,
        [FromQuery(Name = UrlParameter.SortBy)] string? sortBy,
        AuditLog audit,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        var now = time.GetUtcNow().UtcDateTime;
        var selection = AuditQuery.Parse(user, action, days, null, dateFrom, dateTo, now, sortBy);
        if (selection.Problems.Count > 0)
        {
            return ExportRequests.BadRequest(string.Join(" ", selection.Problems));
        }

        var viewer = await viewers.ForAsync(context);
        var (entries, total) = await audit.SearchAsync(selection.Selection(now), CsvLimit, context.RequestAborted);
        return new CsvResult(
            "darkside-audit.csv",
            entries.Select(e => AuditRedaction.For(e, viewer)).Select(Row).Prepend(Header),
            new Dictionary<string, string>
            {
                ["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture),
                ["X-DarkSide-Truncated"] = total > entries.Count ? "true" : "false",
            }
        );
    }

    private static IEnumerable<string?> Row(AuditEntry e) =>
        [
            e.OccurredUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            e.UserName,
            e.Subject,
            e.Action,
            e.Target,
            e.Detail,
            e.RemoteAddress,
        ];
}
