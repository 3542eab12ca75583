using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Configuration;

/// <summary>
/// The configuration binder adds configured items to an array's initial items: Iam:MemberGroups = ["/x"] would keep
/// the default "/darkside" beside "/x", and appsettings.json's Blinding:BlindScopes = ["blind"] came out as
/// blind, blind. After binding, every string[] option the configuration sets holds exactly what it sets.
/// </summary>
public static class ExactListBinding
{
    public static OptionsBuilder<T> BindExactly<T>(this OptionsBuilder<T> builder, IConfigurationSection section)
        where T : class => builder.Bind(section).Configure(options => ReplaceLists(options, section));

    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/> with the same rule.</summary>
    public static void BindExactly<T>(T options, IConfigurationSection section)
        where T : class
    {
        section.Bind(options);
        ReplaceLists(options, section);
    }

    /// <summary>The section bound to a new <typeparamref name="T"/> with the same rule.</summary>
    public static T GetExactly<T>(this IConfigurationSection section)
        where T : class, new()
    {
        var options = section.Get<T>() ?? new T();
        ReplaceLists(options, section);
        return options;
    }

    private static void ReplaceLists<T>(T options, IConfigurationSection section)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.PropertyType == typeof(string[]) && p.CanWrite))
        {
            var configured = section.GetSection(property.Name);
            if (configured.GetChildren().Any())
            {
                property.SetValue(options, configured.Get<string[]>());
            }
        }
    }
}
