using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Features.Alerts.Rules;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>Alerts: the rules, their evaluator and its lead, delivery to Alertmanager, the /alerts page.</summary>
public static class AlertsFeature
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services
            .AddAlertRules()
            .AddSingleton<AlertStore>()
            .AddSingleton<AlertDelivery>()
            .AddSingleton<AlertLeadership>()
            .AddSingleton<AlertsRepository>()
            .AddSingleton<AlertsLive>()
            .AddTransient<AlertsViewModel>()
            .AddTopBarItem<FiringAlertsBadge>()
            .AddSingleton(sp => new SilenceCapability(sp.GetRequiredService<AlertOptions>().AlertmanagerUrl.Length > 0))
            .AddHostedService<AlertEvaluatorService>()
            .AddHttpClient<AlertmanagerClient>(AlertmanagerClient.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app) =>
        app.MapAlertsJson().MapAlertSilences();

    /// <summary>The rules and their evaluator alone, as the benchmark uses them.</summary>
    public static IServiceCollection AddAlertRules(this IServiceCollection services)
    {
        services.TryAddSingleton<RollupFreshnessHealthCheck>();
        return services
            .AddCheckedOptions<AlertOptions, ValidateAlertOptions>(AlertOptions.SectionName, strictKeys: true)
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
