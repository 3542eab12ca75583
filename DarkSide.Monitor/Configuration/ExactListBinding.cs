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

    /// <summary>
    /// Binds <paramref name="section"/> onto <paramref name="options"/> with the same rule; <paramref
    /// name="strictKeys"/> refuses a key the options do not have (a misspelt rule would otherwise keep its defaults).
    /// </summary>
    public static void BindExactly<T>(T options, IConfigurationSection section, bool strictKeys = false)
        where T : class
    {
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = strictKeys);
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

    private static void ReplaceLists(object options, IConfigurationSection section)
    {
        foreach (var property in options.GetType().GetProperties())
        {
            var configured = section.GetSection(property.Name);
            if (!configured.GetChildren().Any())
            {
                continue;
            }

            if (property.PropertyType == typeof(string[]) && property.CanWrite)
            {
                property.SetValue(options, configured.Get<string[]>());
            }
            else if (
                property.PropertyType.Namespace?.StartsWith("DarkSide.", StringComparison.Ordinal) == true
                && property.GetValue(options) is { } nested
            )
            {
                // Nested groups of the monitor's own options (Alerts:Rules:TaskInTrouble:Statuses) follow the rule.
                ReplaceLists(nested, configured);
            }
        }
    }
}
