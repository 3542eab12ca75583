using DarkSide.Monitor.Panda.Db;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// The startup check of PanDA's schemas: a missing required table or column stops the app naming each; a missing
/// optional table is logged and named by the pages that would use it. A database that cannot be reached at startup
/// does not stop the app (its pages say so); the check then runs again in the background until it succeeds, and
/// every ten minutes after that, so a table added or dropped later is noticed.
/// </summary>
public sealed class PandaSchemaService(
    PandaSchema schema,
    PandaDatabase panda,
    TimeProvider time,
    ILogger<PandaSchemaService> logger
) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(10);

    /// <summary>Null when the app may start; otherwise every missing object, one per line.</summary>
    public async Task<IReadOnlyList<string>?> CheckAtStartupAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var report = await TryCheckAsync(timeout.Token);
        return report is { CanRun: false } ? report.Missing : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(schema.Report is null ? Retry : Recheck, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryCheckAsync(stoppingToken);
        }
    }

    private async Task<PandaSchemaReport?> TryCheckAsync(CancellationToken cancellationToken)
    {
        var before = schema.Report;
        PandaSchemaReport report;
        try
        {
            report = await schema.CheckAsync(panda.DataSource, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning(
                "PanDA's schemas could not be checked ({Fault}); checking again in {Seconds} s",
                PandaFault.Classify(e).Message,
                Retry.TotalSeconds
            );
            return null;
        }

        if (
            before is not null
            && before.Missing.SequenceEqual(report.Missing)
            && before.Notices.SequenceEqual(report.Notices)
        )
        {
            return report;
        }

        foreach (var missing in report.Missing)
        {
            logger.LogCritical("PanDA's database lacks what the monitor reads: {Missing}", missing);
        }

        foreach (var notice in report.Notices)
        {
            logger.LogWarning("{Notice}", notice);
        }

        return report;
    }
}

/// <summary>Readiness (/healthz/ready): PanDA's schemas checked and complete; degraded while optional tables are
/// missing.</summary>
public sealed class PandaSchemaHealthCheck(PandaSchema schema) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default
    ) =>
        Task.FromResult(
            schema.Report switch
            {
                null => HealthCheckResult.Unhealthy(
                    "PanDA's schemas have not been checked yet: the database could not be reached."
                ),
                { CanRun: false } r => HealthCheckResult.Unhealthy(string.Join("; ", r.Missing)),
                { MissingOptional.Count: > 0 } r => HealthCheckResult.Degraded(string.Join(" ", r.Notices)),
                _ => HealthCheckResult.Healthy("PanDA's schemas have every table and column the monitor reads."),
            }
        );
}
