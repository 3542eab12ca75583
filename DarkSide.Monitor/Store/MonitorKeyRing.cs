using System.Xml.Linq;
using DarkSide.Monitor.Panda.Db;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Store;

/// <summary>
/// The data-protection key ring in the monitor's schema: every replica reads the same keys, so a sign-in cookie,
/// an antiforgery token or a stored refresh token protected by one instance opens on all, and survives a restart.
/// Data protection asks synchronously, at startup and when a key is due; the table is tiny.
/// </summary>
public sealed class MonitorKeyRing(MonitorDatabase database, IOptions<MonitorStoreOptions> store) : IXmlRepository
{
    private string Table => store.Value.Schema + ".data_protection_keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = SqlParameterBag.Command($"SELECT xml FROM {Table} ORDER BY id");
        using var connection = database.DataSource.OpenConnection();
        command.Connection = connection;
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = SqlParameterBag.Command(
            $"INSERT INTO {Table} (friendly_name, xml) VALUES (@name, @xml)",
            ("name", friendlyName),
            ("xml", element.ToString(SaveOptions.DisableFormatting))
        );
        using var connection = database.DataSource.OpenConnection();
        command.Connection = connection;
        command.ExecuteNonQuery();
    }
}

public static class MonitorKeyRingExtensions
{
    /// <summary>One application name and one key ring for every instance of the monitor.</summary>
    public static IServiceCollection AddMonitorKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("DarkSide.Monitor");
        services.AddSingleton<MonitorKeyRing>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = sp.GetRequiredService<MonitorKeyRing>()
        ));
        return services;
    }
}
