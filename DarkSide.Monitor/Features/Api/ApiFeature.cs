namespace DarkSide.Monitor.Features.Api;

/// <summary>BigPanDA's JSON API: the jobs, tasks and reference answers, and what they read beyond the core.</summary>
public static class ApiFeature
{
    public static IServiceCollection AddBigPandaApi(this IServiceCollection services) =>
        services.AddSingleton<JobFilesReader>().AddSingleton<TaskJsonReader>().AddSingleton<ReferenceTables>();

    public static IEndpointRouteBuilder MapBigPandaApi(this IEndpointRouteBuilder app) =>
        app.MapJobsApi().MapTasksApi().MapReferenceApi();
}
