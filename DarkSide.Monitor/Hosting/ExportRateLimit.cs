using System.Globalization;
using System.Threading.RateLimiting;
using DarkSide.Monitor.Features.Api;
using DarkSide.Monitor.Telemetry;
using DarkSide.Monitor.Web.Exports;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Exports and API answers per user per minute (Security:ExportsPerMinute): one export may hold 100,000 jobs, and a
/// script in a loop must not take the database from the shifters. Pages are not limited. Over the limit: 429 with
/// Retry-After and a JSON error.
/// </summary>
public static class ExportRateLimit
{
    public static IServiceCollection AddExportRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // Probes and scrapes may ask for JSON; they are never an export.
                if (
                    !ExportRequests.IsApiRequest(context.Request)
                    || context.Request.Path.StartsWithSegments("/healthz")
                    || context.Request.Path.StartsWithSegments("/metrics")
                )
                {
                    return RateLimitPartition.GetNoLimiter("pages");
                }

                var perMinute = context
                    .RequestServices.GetRequiredService<IOptions<SecurityOptions>>()
                    .Value.ExportsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    Who(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }
                );
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? after
                    : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                var perMinute = rejected
                    .HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>()
                    .Value.ExportsPerMinute;
                rejected.HttpContext.RequestServices.GetRequiredService<MonitorMetrics>().RateLimitRefused();
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await BigPandaJson
                    .Error(
                        StatusCodes.Status429TooManyRequests,
                        $"Too many exports: at most {perMinute} a minute per user (Security:ExportsPerMinute). "
                            + $"Try again in {seconds} s."
                    )
                    .ExecuteAsync(rejected.HttpContext);
            };
        });

    /// <summary>Counts each export and API answer by its route (never its values) once it is sent.</summary>
    public static WebApplication UseExportMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<MonitorMetrics>();
        app.Use(
            (context, next) =>
            {
                if (ExportRequests.IsApiRequest(context.Request))
                {
                    context.Response.OnCompleted(() =>
                    {
                        if (context.Response.StatusCode < 300)
                        {
                            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                            metrics.Exported(route ?? "(unrouted)");
                        }

                        return Task.CompletedTask;
                    });
                }

                return next(context);
            }
        );
        return app;
    }

    /// <summary>The signed-in user or token subject; without one, the client's address.</summary>
    private static string Who(HttpContext context) =>
        context.User.FindFirst("sub")?.Value
        ?? context.User.Identity?.Name
        ?? context.Connection.RemoteIpAddress?.ToString()
        ?? "unknown";
}
