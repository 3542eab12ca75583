namespace DarkSide.Monitor.Features.Job;

/// <summary>One job's page: its live source (the page reads the job through the PanDA core).</summary>
public static class JobFeature
{
    public static IServiceCollection AddJobPage(this IServiceCollection services) =>
        services.AddSingleton<JobDetailLive>();
}
