using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Features.Alerts.Rules;
using DarkSide.Monitor.Rollups;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>Alerts: the rules, their evaluator and its lead, delivery to Alertmanager, the /alerts page.</summary>
public static class AlertsFeature
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services
            .AddCheckedOptions<AlertOptions, ValidateAlertOptions>(AlertOptions.SectionName, strictKeys: true)
            .AddAlertRules()
            .AddSingleton<AlertStore>()
            .AddSingleton<AlertDelivery>()
            .AddSingleton<AlertLeadership>()
            .AddHostedService<AlertEvaluatorService>()
            .AddHttpClient<AlertmanagerClient>(AlertmanagerClient.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    /// <summary>The rules and their evaluator alone, as the benchmark uses them.</summary>
    public static IServiceCollection AddAlertRules(this IServiceCollection services)
    {
        services.TryAddSingleton<RollupFreshnessHealthCheck>();
        return services
            .AddSingleton<AlertSql>()
            .AddSingleton<IAlertRule, SiteFailureRateRule>()
            .AddSingleton<IAlertRule, ErrorBurstRule>()
            .AddSingleton<IAlertRule, StalledJobsRule>()
            .AddSingleton<IAlertRule, QueueNotStartingRule>()
            .AddSingleton<IAlertRule, TaskInTroubleRule>()
            .AddSingleton<IAlertRule, QueueNotOnlineRule>()
            .AddSingleton<IAlertRule, PandaUnreadableRule>()
            .AddSingleton<AlertEvaluator>();
    }
}
