using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Configuration;

/// <summary>
/// Every option group the monitor binds, as each concern registers it beside its options class: bound exactly
/// (<see cref="ExactListBinding"/>), validated at start, and listed so the startup check reads them all.
/// </summary>
public static class CheckedOptions
{
    /// <summary>The option types registered so far, in registration order (the startup check reads this).</summary>
    public sealed class Registry
    {
        private readonly List<Type> _types = [];

        public IReadOnlyList<Type> Types => _types;

        internal void Add(Type type)
        {
            if (!_types.Contains(type))
            {
                _types.Add(type);
            }
        }
    }

    /// <summary><typeparamref name="T"/> from the configuration section, checked by <typeparamref
    /// name="TCheck"/>.</summary>
    public static IServiceCollection AddCheckedOptions<T, TCheck>(
        this IServiceCollection services,
        string section,
        bool strictKeys = false
    )
        where T : class
        where TCheck : class, IValidateOptions<T>
    {
        services.AddSingleton<IValidateOptions<T>, TCheck>();
        return services.AddCheckedOptions<T>(section, strictKeys);
    }

    /// <summary><typeparamref name="T"/> from the configuration section, with no rule beyond its types.</summary>
    /// <remarks>The section is read from the app's configuration when the options are first asked for; the
    /// values are also injectable as <typeparamref name="T"/> itself.</remarks>
    /// <param name="strictKeys">Refuse keys the options class does not have (see ExactListBinding).</param>
    public static IServiceCollection AddCheckedOptions<T>(
        this IServiceCollection services,
        string section,
        bool strictKeys = false
    )
        where T : class
    {
        services
            .AddOptions<T>()
            .Configure<IConfiguration>(
                (options, configuration) =>
                    ExactListBinding.BindExactly(options, configuration.GetSection(section), strictKeys)
            )
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        RegistryOf(services).Add(typeof(T));
        return services;
    }

    private static Registry RegistryOf(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(Registry))?.ImplementationInstance is Registry found)
        {
            return found;
        }

        var registry = new Registry();
        services.AddSingleton(registry);
        return registry;
    }
}
