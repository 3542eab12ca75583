namespace DarkSide.Monitor.Features.Errors;

/// <summary>The error view: its view model, live source and CSV.</summary>
public static class ErrorsFeature
{
    public static IServiceCollection AddErrors(this IServiceCollection services) =>
        services.AddTransient<ErrorsViewModel>().AddSingleton<ErrorSummaryLive>();

    public static IEndpointRouteBuilder MapErrors(this IEndpointRouteBuilder app) => app.MapErrorExports();
}
