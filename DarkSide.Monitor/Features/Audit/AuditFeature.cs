namespace DarkSide.Monitor.Features.Audit;

/// <summary>The admins' audit trail: its page reads the log through the core; the CSV is mapped here.</summary>
public static class AuditFeature
{
    public static IEndpointRouteBuilder MapAuditTrail(this IEndpointRouteBuilder app) => app.MapAuditExport();
}
