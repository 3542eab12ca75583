using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Refuses a browser request from another origin that would act with the viewer's cookie: the live circuit (/_blazor,
/// its negotiation and websocket) and every request that is not GET or HEAD. A page on another host of the same site
/// could otherwise open a circuit with an analyst's cookie and read blind pages (cross-site websocket hijacking).
/// Requests without an Origin header (scripts, same-origin navigations) are not browsers acting cross-origin.
/// </summary>
public static class OriginCheck
{
    public static WebApplication UseOriginCheck(this WebApplication app)
    {
        app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                var guarded =
                    request.Path.StartsWithSegments("/_blazor")
                    || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
                if (guarded && request.Headers.Origin.ToString() is { Length: > 0 } origin && !Allowed(context, origin))
                {
                    context
                        .RequestServices.GetRequiredService<ILoggerFactory>()
                        .CreateLogger(typeof(OriginCheck))
                        .LogWarning(
                            "Refused {Method} {Path} from origin {Origin}",
                            request.Method,
                            request.Path.Value,
                            origin
                        );
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync(
                        $"Requests from {origin} may not act on DarkSide.Monitor; open the monitor at its own address.",
                        context.RequestAborted
                    );
                    return;
                }

                await next(context);
            }
        );
        return app;
    }

    private static bool Allowed(HttpContext context, string origin)
    {
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || context
                .RequestServices.GetRequiredService<IOptions<SecurityOptions>>()
                .Value.AllowedOrigins.Any(o =>
                    string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)
                );
    }
}
