using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// One monitor instance's alerting, wired as the app wires it (its options, PanDA core and the Alerts feature) over
/// a test database: its evaluator, delivery, store and background service. Two harnesses on one database are two
/// replicas; a new harness after another is a restarted one.
/// </summary>
public sealed class AlertHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AlertHarness(ServiceProvider services) => _services = services;

    /// <summary>
    /// Every rule off but those <paramref name="settings"/> turn on (Alerts:Rules:X:Enabled = true), rollups not
    /// checked, alerts posted to <paramref name="alertmanagerUrl"/>.
    /// </summary>
    public static AlertHarness Create(
        PandaTestDatabase db,
        string? alertmanagerUrl,
        Dictionary<string, string?> settings,
        string? pandaConnection = null
    )
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Panda"] = pandaConnection ?? db.ReaderConnectionString,
            ["ConnectionStrings:Monitor"] = db.AdminConnectionString,
            ["Rollups:StaleAfterMinutes"] = "0",
            ["Alerts:AlertmanagerUrl"] = alertmanagerUrl ?? "",
            ["Alerts:MonitorUrl"] = "https://monitor.darkside.test/",
            ["Alerts:EvaluationSeconds"] = "1",
        };
        foreach (var rule in typeof(AlertRulesOptions).GetProperties())
        {
            all[$"Alerts:Rules:{rule.Name}:Enabled"] = "false";
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging().AddMonitorOptions(configuration);
        services.AddPandaCore();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(TestMetrics.Create());
        services.AddAlerts();
        return new AlertHarness(services.BuildServiceProvider());
    }

    public AlertEvaluator Evaluator => _services.GetRequiredService<AlertEvaluator>();

    public AlertDelivery Delivery => _services.GetRequiredService<AlertDelivery>();

    public AlertStore Store => _services.GetRequiredService<AlertStore>();

    public AlertmanagerClient Alertmanager => _services.GetRequiredService<AlertmanagerClient>();

    public AlertLeadership Leadership => _services.GetRequiredService<AlertLeadership>();

    public AlertsRepository Repository => _services.GetRequiredService<AlertsRepository>();

    public IHostedService Service => _services.GetServices<IHostedService>().OfType<AlertEvaluatorService>().Single();

    private bool _started;

    /// <summary>Runs the background service, as the app's host does.</summary>
    public Task StartAsync()
    {
        _started = true;
        return Service.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the background service, as the app's host does when the instance shuts down.</summary>
    public Task StopAsync()
    {
        _started = false;
        return Service.StopAsync(CancellationToken.None);
    }

    /// <summary>One evaluation and its delivery, as the service does them; whether Alertmanager took it.</summary>
    public async Task<(AlertStateMachine.Step Step, bool Delivered)> EvaluateAndDeliverAsync()
    {
        var step = await Evaluator.EvaluateAsync(CancellationToken.None);
        return (step, await Delivery.DeliverAsync(step.Alerts, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await StopAsync();
        }

        await _services.DisposeAsync();
    }
}
