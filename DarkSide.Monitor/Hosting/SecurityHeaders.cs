using Microsoft.Net.Http.Headers;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Headers on every answer: no MIME sniffing, no referrer leaving the monitor (addresses may name blind data;
/// same-origin
/// keeps the Origin header of its own forms, which "no-referrer" would turn into "null"), no
/// framing, a content security policy that keeps every fetch, image and socket on the monitor's own origin, and
/// no caching of anything but the fingerprinted static assets (pages and exports may carry blind data).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the monitor's own files: no inline script, no eval (the app renders no import map, the one
    /// inline script Blazor would write). Styles may be inline because MudBlazor and plotly.js set style attributes
    /// and elements. Everything a script could send data to (fetch, websocket, image, form) is this origin only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
        + "object-src 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(
            async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "same-origin";
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
                await next(context);
            }
        );
        return app;
    }
}
