namespace DarkSide.Monitor.Auditing;

/// <summary>Where pages record who saw blind data; <see cref="AuditLog"/> writes it to the monitor's schema.</summary>
public interface IAuditRecorder
{
    /// <summary>Records one event; a failure to write is logged, never shown to the viewer.</summary>
    Task RecordAsync(AuditEvent entry, CancellationToken cancellationToken);
}
