namespace DarkSide.Monitor.Features.JobList;

/// <summary>The job list: its page's view model and live source, the shared row markup, and its CSV.</summary>
public static class JobListFeature
{
    public static IServiceCollection AddJobList(this IServiceCollection services) =>
        services.AddTransient<JobsViewModel>().AddSingleton<JobListLive>().AddSingleton<JobTableMarkup>();

    public static IEndpointRouteBuilder MapJobList(this IEndpointRouteBuilder app) => app.MapJobExports();
}
