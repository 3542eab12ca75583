namespace DarkSide.Monitor.Web;

/// <summary>
/// Components a feature puts in every page's top bar (the firing-alerts badge): the shell renders them without
/// knowing the features, so dependencies keep pointing from the features to the shell.
/// </summary>
public sealed class TopBarItems
{
    private readonly List<Type> _components = [];

    public IReadOnlyList<Type> Components => _components;

    internal void Add(Type component)
    {
        if (!_components.Contains(component))
        {
            _components.Add(component);
        }
    }
}

public static class TopBarItemsExtensions
{
    public static IServiceCollection AddTopBarItem<TComponent>(this IServiceCollection services)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        if (
            services.FirstOrDefault(d => d.ServiceType == typeof(TopBarItems))?.ImplementationInstance
            is not TopBarItems items
        )
        {
            items = new TopBarItems();
            services.AddSingleton(items);
        }

        items.Add(typeof(TComponent));
        return services;
    }
}
