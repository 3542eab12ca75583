using DarkSide.Monitor.Components;

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
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
