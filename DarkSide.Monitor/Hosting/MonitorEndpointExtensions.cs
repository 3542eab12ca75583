using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Features.Api;
using DarkSide.Monitor.Features.Audit;
using DarkSide.Monitor.Features.Errors;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Features.Search;
using DarkSide.Monitor.Features.Tasks;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Layout;

namespace DarkSide.Monitor.Hosting;

public static class MonitorEndpointExtensions
{
    public static WebApplication MapMonitor(this WebApplication app)
    {
        app.UseMonitorForwardedHeaders();
        // Also in Development: a stack trace is never what a user should see.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseSecurityHeaders();
        app.UseOriginCheck();
        // Pages get the not-found page; API answers (401, 403, 400 with JSON) stay as they are.
        app.UseWhen(
            context => !ExportRequests.IsApiRequest(context.Request),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true)
        );

        // Before routing, so old BigPanDA links and ?json reach the endpoints they mean, behind authorization.
        app.UseBigPandaCompatibility();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseExportMetrics();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapMonitorHealth();
        app.MapMonitorMetrics();
        app.MapMonitorAuthentication();
        app.MapJobList().MapErrors().MapTasks().MapOverview().MapUsage().MapBigPandaApi().MapAuditTrail().MapAlerts();
        app.MapSearch();
        // SecurityHeaders' policy already says frame-ancestors 'none'; Blazor would add a second policy header.
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
