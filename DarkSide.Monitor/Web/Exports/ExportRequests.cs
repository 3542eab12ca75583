using System.Text.Json;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Npgsql;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>
/// What every export and API endpoint shares: telling API requests from page requests, answering database problems
/// with a status code, reading a job selection for an export, and auditing blind jobs handed out.
/// </summary>
public static class ExportRequests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// A request for an export or with a bearer token: answered with status codes, never redirected to a page.
    /// </summary>
    public static bool IsApiRequest(HttpRequest request) =>
        IsJsonRequest(request)
        || request.Path.StartsWithSegments(MonitorUrls.JobsCsvPath)
        || request.Path.Value?.EndsWith("/json", StringComparison.OrdinalIgnoreCase) == true
        || request.Path.StartsWithSegments("/api")
        || request.Path.StartsWithSegments("/jobstatuslog")
        || IsTableCsv(request.Path)
        || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>BigPanDA's JSON rule (§6): ?json or an Accept of exactly application/json or text/json.</summary>
    public static bool IsJsonRequest(HttpRequest request) =>
        request.Query.ContainsKey("json") || request.Headers.Accept.ToString() is "application/json" or "text/json";

    /// <summary>
    /// A database that does not answer gives 503 with a message that names no data, never a 500 page.
    /// </summary>
    public static async Task AnsweringDatabaseProblemsAsync(HttpContext context, Func<HttpContext, Task> write)
    {
        try
        {
            await write(context);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !context.Response.HasStarted)
        {
            var fault = PandaFault.Classify(e);
            var logger = context
                .RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(ExportRequests));
            if (fault.Permanent)
            {
                // The schema or the grants are wrong: retrying will not help, so say what is missing.
                logger.LogError("Job export failed permanently: {Fault}", fault.Message);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new { error = fault.Message }, Json, context.RequestAborted);
                return;
            }

            logger.LogWarning("Job export failed: {Error}", e.GetType().Name);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(
                new { error = fault.Message + " Try again shortly." },
                Json,
                context.RequestAborted
            );
        }
    }

    private static bool IsTableCsv(PathString path) =>
        path.Value is { } p
        && p.EndsWith("/csv", StringComparison.OrdinalIgnoreCase)
        && (
            p.StartsWith(MonitorUrls.UsagePath + "/", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith(MonitorUrls.MemoryPath + "/", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith(MonitorUrls.SitesPath + "/", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("/site/", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith(MonitorUrls.ErrorsPath + "/", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith(MonitorUrls.TasksPath + "/", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("/overview/", StringComparison.OrdinalIgnoreCase)
            || p.Equals(MonitorUrls.AdminAuditCsvPath, StringComparison.OrdinalIgnoreCase)
        );

    /// <summary>
    /// An export that hands blind jobs' unredacted fields to a blind-access viewer is audited, with how many.
    /// </summary>
    public static Task AuditBlindExportAsync(HttpContext context, ViewerAccess viewer, JobListPage page)
    {
        var blind = page.Jobs.Count(j => j.IsBlind && !j.IsRedacted);
        return blind == 0
            ? Task.CompletedTask
            : AuditBlindViewAsync(
                context,
                viewer,
                context.Request.Path + context.Request.QueryString,
                $"export of {blind} blind jobs"
            );
    }

    /// <summary>A 400 whose plain-text body names what is wrong and what is expected.</summary>
    public static async Task BadRequestAsync(HttpContext context, string error)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(error, context.RequestAborted);
    }

    /// <summary>A CSV download: one line per row, CRLF as RFC 4180 has it.</summary>
    public static async Task WriteCsvAsync(HttpContext context, string fileName, IEnumerable<IEnumerable<string?>> rows)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var csv = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            csv.Append(CsvText.Line(row)).Append("\r\n");
        }

        await context.Response.WriteAsync(csv.ToString(), context.RequestAborted);
    }

    /// <summary>
    /// Blind data handed to a blind-access viewer by this request: who, the subject, what, from where.
    /// </summary>
    public static Task AuditBlindViewAsync(HttpContext context, ViewerAccess viewer, string target, string detail) =>
        context
            .RequestServices.GetRequiredService<AuditLog>()
            .RecordAsync(
                new AuditEvent(
                    viewer.Name,
                    context.User.FindFirst("sub")?.Value,
                    AuditActions.BlindView,
                    target,
                    detail,
                    context.Connection.RemoteIpAddress?.ToString()
                ),
                context.RequestAborted
            );

    /// <summary>
    /// The list's parameters read as for the page, then widened to the export limit from the first job.
    /// </summary>
    public static (JobQuery? Query, string? Error) ParseExport(
        HttpContext context,
        IDictionary<string, Microsoft.Extensions.Primitives.StringValues> given
    )
    {
        var options = context.RequestServices.GetRequiredService<JobListOptions>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var parameters = given
            .Where(p => !string.Equals(p.Key, UrlParameter.Page, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var result = context
            .RequestServices.GetRequiredService<JobQueryParser>()
            .Parse(parameters, time.GetUtcNow().UtcDateTime);
        if (result.Query is not { } query)
        {
            return (
                null,
                "This address has parameters the job list cannot use: "
                    + string.Join(" ", result.Errors.Select(e => e + (e.Message.EndsWith('.') ? "" : ".")))
            );
        }

        var rows = (int)Math.Min(options.ExportLimit, query.Limit ?? long.MaxValue);
        return (query with { Page = 1, DisplayLimit = rows }, null);
    }
}
