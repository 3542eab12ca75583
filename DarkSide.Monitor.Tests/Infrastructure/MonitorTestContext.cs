using Bunit;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// A bunit context with what every monitor page needs: MudBlazor (its JS calls answered loosely), loggers, a fixed
/// viewer and the seeded databases' "now". Tests add the page's own data services.
/// </summary>
public sealed class MonitorTestContext : BunitContext
{
    public MonitorTestContext(ViewerAccess viewer)
    {
        // Pages wait for real database queries; on a busy 2-core CI machine one second is not always enough.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<IViewerAccessProvider>(new FixedViewer(viewer));
        Services.AddSingleton<TimeProvider>(new FixedTime());
        Services.AddSingleton(new LiveRefreshHub(new FixedTime(), NullLogger<LiveRefreshHub>.Instance));
    }

    /// <summary>The audit trail in the test database's monitor schema, for pages that record what they show.</summary>
    public void AddAuditLog(PandaTestDatabase database)
    {
        var audit = new AuditLog(
            new MonitorDatabase(database.Admin),
            Options.Create(new MonitorStoreOptions()),
            NullLogger<AuditLog>.Instance
        );
        Services.AddSingleton(audit);
        Services.AddSingleton(new BlindListAudit(audit, new FixedTime()));
        Services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
    }
}
