namespace DarkSide.Monitor.Web.Exports;

/// <summary>
/// What every export and API endpoint shares: telling API requests from page requests, and the 400 answer. Database
/// problems are answered by <see cref="DatabaseProblemFilter"/>, blind data handed out audited by
/// <see cref="ExportAudit"/>.
/// </summary>
public static class ExportRequests
{
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

    /// <summary>A 400 whose plain-text body names what is wrong and what is expected.</summary>
    public static IResult BadRequest(string error) =>
        TypedResults.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
