using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// /healthz/live: the process answers (a liveness probe restarts it otherwise). /healthz/ready: both databases
/// answer, PanDA has what the monitor reads, the rollups keep up; a failed check answers 503, so the Service stops
/// sending users to an instance that cannot serve them, and takes it back when the check passes again.
/// </summary>
public static class MonitorHealthExtensions
{
    private const string Ready = "ready";
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddMonitorHealthChecks(this IServiceCollection services)
    {
        // The order is the order of the answer's "checks".
        services
            .AddHealthChecks()
            .AddCheck<PandaSchemaHealthCheck>("panda-schema", tags: [Ready])
            .AddNpgSql(
                sp => sp.GetRequiredService<PandaDatabase>().DataSource,
                name: "panda-database",
                tags: [Ready],
                timeout: DatabaseTimeout
            )
            .AddNpgSql(
                sp => sp.GetRequiredService<MonitorDatabase>().DataSource,
                name: "monitor-database",
                tags: [Ready],
                timeout: DatabaseTimeout
            )
            .AddCheck<RollupFreshnessHealthCheck>("usage-rollups", tags: [Ready]);
        return services;
    }

    public static WebApplication MapMonitorHealth(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync };
        app.MapHealthChecks("/healthz", live).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", live).AllowAnonymous();
        app.MapHealthChecks(
                "/healthz/ready",
                new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }
            )
            .AllowAnonymous();
        return app;
    }

    /// <summary>Each check's status and what it found, e.g. the PanDA tables that are missing.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(
            new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    // An exception's text names hosts and users; this answer is anonymous, the log has it.
                    description = e.Value.Exception is null
                        ? e.Value.Description
                        : "Failed (the instance's log says why): the database refused, or did not answer in time.",
                    milliseconds = (long)e.Value.Duration.TotalMilliseconds,
                }),
            }
        );
}
