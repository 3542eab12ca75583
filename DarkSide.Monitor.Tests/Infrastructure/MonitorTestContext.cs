using Bunit;
using DarkSide.Monitor.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<IViewerAccessProvider>(new FixedViewer(viewer));
        Services.AddSingleton<TimeProvider>(new FixedTime());
    }
}
