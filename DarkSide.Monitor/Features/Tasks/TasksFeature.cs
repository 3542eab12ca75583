namespace DarkSide.Monitor.Features.Tasks;

/// <summary>The task list and task pages: their view models, live source and CSV.</summary>
public static class TasksFeature
{
    public static IServiceCollection AddTasks(this IServiceCollection services) =>
        services.AddTransient<TasksViewModel>().AddTransient<TaskViewModel>().AddSingleton<TaskLive>();

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app) => app.MapTaskExports();
}
