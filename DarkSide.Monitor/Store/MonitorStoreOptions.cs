namespace DarkSide.Monitor.Store;

/// <summary>The monitor's own schema, created and upgraded by versioned migrations at startup.</summary>
public sealed class MonitorStoreOptions
{
    public const string SectionName = "MonitorStore";

    public string Schema { get; set; } = "darkside_monitor";

    /// <summary>Run pending migrations when the app starts (on by default; off when a DBA applies them).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
