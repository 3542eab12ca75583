using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>Brings the monitor's own schema up to date before the app serves requests.</summary>
public sealed class MonitorMigrationService(MonitorMigrator migrator, IOptions<MonitorStoreOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
