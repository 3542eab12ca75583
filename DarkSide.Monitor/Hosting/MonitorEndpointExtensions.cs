using DarkSide.Monitor.Components;
using DarkSide.Monitor.Export;

namespace DarkSide.Monitor.Hosting;

public static class MonitorEndpointExtensions
{
    public static WebApplication MapMonitor(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseBigPandaCompatibility();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapJobExports();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
