using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web;

/// <summary>What every feature's pages and endpoints share: live refresh, circuits, export reading and audit.</summary>
public static class WebShellExtensions
{
    public static IServiceCollection AddWebShell(this IServiceCollection services)
    {
        services.AddSingleton<LiveRefreshHub>();
        services.AddSingleton(new TopBarItems());
        services.AddSingleton(sp => new SilenceCapability(false));
        services.AddScoped<CircuitConnection>();
        services.AddScoped<Identity.ICircuitPresence>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, LiveCircuitHandler>();
        services.AddCheckedOptions<LiveOptions, ValidateLiveOptions>(LiveOptions.SectionName);
        services.AddCheckedOptions<ExportOptions, ValidateExportOptions>(ExportOptions.SectionName);
        services.AddCheckedOptions<ErrorViewOptions, ValidateErrorViewOptions>(ErrorViewOptions.SectionName);
        services.AddCheckedOptions<FailureWarningOptions, ValidateFailureWarningOptions>(
            FailureWarningOptions.SectionName
        );
        services.AddSingleton<JobExportQuery>();
        services.AddSingleton<ExportAudit>();
        return services;
    }
}
