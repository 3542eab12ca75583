using DarkSide.Monitor.Data;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Store;

/// <summary>The monitor's own schema, created and upgraded by versioned migrations at startup.</summary>
public sealed class MonitorStoreOptions
{
    public const string SectionName = "MonitorStore";

    public string Schema { get; set; } = "darkside_monitor";

    /// <summary>Run pending migrations when the app starts (on by default; off when a DBA applies them).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// A PEM certificate (e.g. a Kubernetes TLS Secret's tls.crt) whose RSA key encrypts the data-protection keys
    /// stored in the schema; empty: they are stored unencrypted, readable by anyone who can read the schema.
    /// </summary>
    public string KeyRingCertificatePath { get; set; } = "";

    /// <summary>The certificate's PEM private key (tls.key).</summary>
    public string KeyRingKeyPath { get; set; } = "";
}

/// <summary>Rejects bad MonitorStore settings at startup, naming the key and what is expected.</summary>
public sealed class ValidateMonitorStoreOptions : IValidateOptions<MonitorStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorStoreOptions options)
    {
        var errors = new List<string>();
        SqlIdentifiers.CheckSchemaName(errors, "MonitorStore:Schema", options.Schema);
        MonitorKeyRingExtensions
            .LoadCertificate(options.KeyRingCertificatePath, options.KeyRingKeyPath, out var problem)
            ?.Dispose();
        if (problem is not null)
        {
            errors.Add(problem);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
