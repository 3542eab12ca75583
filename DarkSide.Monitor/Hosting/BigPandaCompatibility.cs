using DarkSide.Monitor.Export;
using DarkSide.Monitor.Model;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Old BigPanDA links keep working: their trailing slashes (/jobs/?jobstatus=failed) redirect to the same page with
/// the same query, and /jobs?json is served by the JSON endpoint (behind the same authorization) instead of the page.
/// </summary>
public static class BigPandaCompatibility
{
    public static WebApplication UseBigPandaCompatibility(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
            if (HttpMethods.IsGet(context.Request.Method) && string.Equals(trimmed, MonitorUrls.JobsPath, StringComparison.OrdinalIgnoreCase)
                && JobExportEndpoints.IsJsonRequest(context.Request))
            {
                context.Request.Path = MonitorUrls.JobsJsonPath;
                await next(context);
                return;
            }

            if (HttpMethods.IsGet(context.Request.Method) && trimmed.Length > 0 && trimmed != path && !path.StartsWith("/_", StringComparison.Ordinal))
            {
                context.Response.Redirect(trimmed + context.Request.QueryString, permanent: true);
                return;
            }

            await next(context);
        });
        return app;
    }
}
