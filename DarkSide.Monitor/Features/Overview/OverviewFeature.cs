namespace DarkSide.Monitor.Features.Overview;

/// <summary>The overview: its repository, view model, live source and CSV.</summary>
public static class OverviewFeature
{
    public static IServiceCollection AddOverview(this IServiceCollection services) =>
        services.AddSingleton<OverviewRepository>().AddTransient<OverviewViewModel>().AddSingleton<OverviewLive>();

    public static IEndpointRouteBuilder MapOverview(this IEndpointRouteBuilder app) => app.MapOverviewExports();
}
