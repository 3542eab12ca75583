namespace DarkSide.Monitor.Features.Usage;

/// <summary>The coordinator views (usage, memory, sites, site): repositories, view models, live source, CSV.</summary>
public static class UsageFeature
{
    public static IServiceCollection AddUsage(this IServiceCollection services) =>
        services
            .AddUsageData()
            .AddSingleton<UsageLive>()
            .AddTransient<UsageViewModel>()
            .AddTransient<SitesViewModel>()
            .AddTransient<MemoryViewModel>();

    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder app) => app.MapUsageExports();

    /// <summary>The readers alone, as the benchmarks use them.</summary>
    public static IServiceCollection AddUsageData(this IServiceCollection services) =>
        services
            .AddSingleton<UsageStatusReader>()
            .AddSingleton<UsageRepository>()
            .AddSingleton<SiteEndedJobs>()
            .AddSingleton<SiteRepository>();
}
