namespace DarkSide.Monitor.Features.Search;

/// <summary>The app bar's search: the lookup of a number among jobs and tasks, and the redirecting endpoint.</summary>
public static class SearchFeature
{
    public static IServiceCollection AddSearch(this IServiceCollection services) =>
        services.AddSingleton<SearchLookup>();
}
