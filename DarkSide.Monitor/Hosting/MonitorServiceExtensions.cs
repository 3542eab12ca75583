using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Features.Api;
using DarkSide.Monitor.Features.Errors;
using DarkSide.Monitor.Features.Job;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Features.Overview;
using DarkSide.Monitor.Features.Search;
using DarkSide.Monitor.Features.Tasks;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Npgsql;

namespace DarkSide.Monitor.Hosting;

public static class MonitorServiceExtensions
{
    /// <summary>
    /// Everything the dashboard needs: validated options, PanDA data access, viewer access and the UI.
    /// </summary>
    public static WebApplicationBuilder AddMonitor(this WebApplicationBuilder builder)
    {
        // Serves wwwroot-assets and package assets from the build output in every environment (run.sh runs
        // the build, not a publish); a published app has no manifest, and this changes nothing there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddMonitorOptions(builder.Configuration);
        // First of the hosted services: the key ring and the sessions live in the schema it brings up to date.
        builder.Services.AddHostedService<MonitorMigrationService>();
        builder.Services.AddPandaCore();
        builder.Services.AddMonitorKeyRing(builder.Configuration);
        builder.AddMonitorTelemetry();
        builder.AddMonitorIdentity();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<IAuditRecorder>(sp => sp.GetRequiredService<AuditLog>());
        builder.Services.AddSingleton<BlindListAudit>();
        builder.Services.AddSingleton<
            Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler,
            AuditingAuthorizationResultHandler
        >();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddWebShell();
        builder
            .Services.AddJobList()
            .AddJobPage()
            .AddErrors()
            .AddTasks()
            .AddOverview()
            .AddUsage()
            .AddBigPandaApi()
            .AddSearch()
            .AddAlerts();
        builder.Services.AddSingleton<PandaSchemaService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PandaSchemaService>());
        builder.Services.AddMonitorHealthChecks();
        builder.Services.AddSingleton<AggregatorLeadership>();
        builder.Services.AddHostedService<UsageAggregatorService>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // SecurityHeaders sends X-Frame-Options: DENY on every answer; antiforgery would add a second, SAMEORIGIN.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        builder.Services.AddExportRateLimit();
        builder.Services.AddMudServices();
        return builder;
    }

    /// <summary>The option groups of the core and the host; Identity registers its own (AddMonitorIdentity).</summary>
    public static IServiceCollection AddMonitorOptions(this IServiceCollection services, IConfiguration configuration)
    {
        // Options read the app's configuration from the container; a host without one (a test's) is given this.
        services.TryAddSingleton(configuration);
        services
            .AddCheckedOptions<ConnectionOptions, ValidateConnectionOptions>(ConnectionOptions.SectionName)
            .AddCheckedOptions<PandaOptions, ValidatePandaOptions>(PandaOptions.SectionName)
            .AddCheckedOptions<MonitorStoreOptions, ValidateMonitorStoreOptions>(MonitorStoreOptions.SectionName)
            .AddCheckedOptions<BlindingOptions, ValidateBlindingOptions>(BlindingOptions.SectionName)
            .AddCheckedOptions<JobListOptions, ValidateJobListOptions>(JobListOptions.SectionName)
            .AddCheckedOptions<RollupOptions, ValidateRollupOptions>(RollupOptions.SectionName)
            .AddCheckedOptions<SecurityOptions, ValidateSecurityOptions>(SecurityOptions.SectionName)
            .AddCheckedOptions<ReverseProxyOptions, ValidateReverseProxyOptions>(ReverseProxyOptions.SectionName)
            .AddCheckedOptions<TelemetryOptions, ValidateTelemetryOptions>(TelemetryOptions.SectionName)
            .AddCheckedOptions<DevelopmentViewerOptions>(DevelopmentViewerOptions.SectionName);
        services.AddSingleton<JobQueryParser>();
        return services;
    }

    /// <summary>The databases and the PanDA core's readers; each feature registers its own (AddJobList, ...).</summary>
    public static IServiceCollection AddPandaCore(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PandaDatabase(
            CreateDataSource(sp.GetRequiredService<IOptions<ConnectionOptions>>().Value.Panda!, readOnly: true)
        ));
        services.AddSingleton(sp => new MonitorDatabase(
            CreateDataSource(sp.GetRequiredService<IOptions<ConnectionOptions>>().Value.Monitor!, readOnly: false)
        ));
        services.AddSingleton<PandaSchema>();
        services.AddSingleton<BlindDataPolicy>();
        services.AddSingleton<JobSqlBuilder>();
        services.AddSingleton<JobRepository>();
        services.AddSingleton<IJobListReader>(sp => sp.GetRequiredService<JobRepository>());
        services.AddSingleton<JobDetailRepository>();
        services.AddSingleton<IJobDetailReader>(sp => sp.GetRequiredService<JobDetailRepository>());
        services.AddSingleton<ErrorSummaryRepository>();
        services.AddSingleton<IErrorSummaryReader>(sp => sp.GetRequiredService<ErrorSummaryRepository>());
        services.AddSingleton<TaskSqlBuilder>();
        services.AddSingleton<TaskRepository>();
        services.AddSingleton<ITaskReader>(sp => sp.GetRequiredService<TaskRepository>());
        services.AddSingleton<MonitorMigrator>();
        services.AddSingleton<UsageRollupSql>();
        services.AddSingleton<IJobSummaryRollups, JobSummaryRollups>();
        services.AddSingleton<UsageAggregator>();
        return services;
    }

    /// <summary>
    /// PanDA's timestamps are UTC; the PanDA connection is read-only even if its role could write, and plans without
    /// JIT.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, bool readOnly)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" };
        if (readOnly)
        {
            // JIT compiles the job list's short statements for longer than they run (41 → 27 ms at 10 M jobs).
            builder.Options = ((builder.Options ?? "") + " -c default_transaction_read_only=on -c jit=off").Trim();
        }

        // Metrics and traces name the pool by this, not by its connection string (host, database and user).
        return new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = readOnly ? "panda" : "monitor" }.Build();
    }
}
