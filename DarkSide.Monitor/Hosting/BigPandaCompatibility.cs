using System.Text.RegularExpressions;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Old BigPanDA links and clients keep working. A JSON request (?json or Accept: application/json) for a page that
/// BigPanDA serves as JSON goes to its JSON endpoint, with or without the trailing slash; API-only paths
/// (/jobstatuslog/N/, /api/joberrordescriptions/) take the slash too. Other trailing slashes (/jobs/?jobstatus=failed)
/// redirect to the same page with the same query.
/// </summary>
public static partial class BigPandaCompatibility
{
    public static WebApplication UseBigPandaCompatibility(this WebApplication app)
    {
        app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                var path = request.Path.Value ?? "";
                var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
                if (
                    HttpMethods.IsGet(request.Method)
                    && ExportRequests.IsJsonRequest(request)
                    && JsonPath(trimmed) is { } json
                )
                {
                    (request.Path, request.QueryString) = (
                        json.Path,
                        json.Query is null ? request.QueryString : request.QueryString.Add("pandaid", json.Query)
                    );
                    await next(context);
                    return;
                }

                if (HttpMethods.IsGet(request.Method) && trimmed != path && ApiOnly().IsMatch(trimmed))
                {
                    request.Path = trimmed;
                    await next(context);
                    return;
                }

                // Only to a path of this site: "//evil.example/" must not become a redirect to another host.
                if (
                    HttpMethods.IsGet(request.Method)
                    && trimmed.Length > 0
                    && trimmed != path
                    && !path.StartsWith("/_", StringComparison.Ordinal)
                    && MonitorUrls.IsLocalPath(trimmed)
                )
                {
                    context.Response.Redirect(trimmed + request.QueryString, permanent: true);
                    return;
                }

                await next(context);
            }
        );
        return app;
    }

    /// <summary>The JSON endpoint of a page BigPanDA also serves as JSON; /job/N becomes /job/json?pandaid=N.</summary>
    private static (string Path, string? Query)? JsonPath(string path)
    {
        if (path.Equals(MonitorUrls.JobsPath, StringComparison.OrdinalIgnoreCase))
        {
            return (MonitorUrls.JobsJsonPath, null);
        }

        if (path.Equals("/job", StringComparison.OrdinalIgnoreCase))
        {
            return ("/job/json", null);
        }

        if (JobPage().Match(path) is { Success: true } job)
        {
            return ("/job/json", job.Groups[1].Value);
        }

        if (TaskPage().Match(path) is { Success: true } task)
        {
            return ($"/task/{task.Groups[1].Value}/json", null);
        }

        return path.ToLowerInvariant() switch
        {
            "/tasks" => ("/tasks/json", null),
            "/errors" => ("/errors/json", null),
            "/sites" => ("/sites/json", null),
            MonitorUrls.AlertsPath => (MonitorUrls.AlertsPath + "/json", null),
            _ => null,
        };
    }

    [GeneratedRegex("^/job/([^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex JobPage();

    [GeneratedRegex("^/task/([^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TaskPage();

    [GeneratedRegex("^/(jobstatuslog/[^/]+|api/joberrordescriptions)$", RegexOptions.IgnoreCase)]
    private static partial Regex ApiOnly();
}
