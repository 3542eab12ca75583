using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using DarkSide.Monitor.Data;
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
    /// <summary>
    /// One application name and one key ring for every instance of the monitor, its keys encrypted with the
    /// configured certificate when there is one.
    /// </summary>
    public static IServiceCollection AddMonitorKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName("DarkSide.Monitor");
        var store = configuration.GetSection(MonitorStoreOptions.SectionName);
        // A certificate that does not load is reported by the configuration check, which stops the app.
        if (LoadCertificate(store["KeyRingCertificatePath"], store["KeyRingKeyPath"], out _) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton<MonitorKeyRing>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = sp.GetRequiredService<MonitorKeyRing>()
        ));
        return services;
    }

    /// <summary>The key ring's certificate, or null: none configured, or why it cannot be used.</summary>
    public static X509Certificate2? LoadCertificate(string? certificatePath, string? keyPath, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(certificatePath) && string.IsNullOrEmpty(keyPath))
        {
            return null;
        }

        if (string.IsNullOrEmpty(certificatePath) || string.IsNullOrEmpty(keyPath))
        {
            problem =
                "MonitorStore:KeyRingCertificatePath and MonitorStore:KeyRingKeyPath go together; expected both "
                + "(a PEM certificate and its private key) or neither.";
            return null;
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (certificate.GetRSAPrivateKey() is null)
            {
                problem =
                    $"MonitorStore:KeyRingCertificatePath '{certificatePath}' has no RSA key; expected an RSA "
                    + "certificate (data protection encrypts its keys with RSA).";
                return null;
            }

            return certificate;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            problem =
                $"MonitorStore:KeyRingCertificatePath '{certificatePath}' with KeyRingKeyPath '{keyPath}' "
                + $"cannot be used: {e.Message} Expected a readable PEM certificate and its PEM private key.";
            return null;
        }
    }
}
