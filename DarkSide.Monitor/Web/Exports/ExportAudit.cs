using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>Blind data handed to a blind-access viewer by an export or API request goes on the audit trail.</summary>
public sealed class ExportAudit(IAuditRecorder audit)
{
    /// <summary>An export that hands out blind jobs' unredacted fields, with how many.</summary>
    public Task JobsAsync(HttpContext context, ViewerAccess viewer, JobListPage page)
    {
        var blind = page.Jobs.Count(j => j.IsBlind && !j.IsRedacted);
        return blind == 0
            ? Task.CompletedTask
            : BlindViewAsync(
                context,
                viewer,
                context.Request.Path + context.Request.QueryString,
                $"export of {blind} blind jobs"
            );
    }

    /// <summary>Who, the subject, what, from where.</summary>
    public Task BlindViewAsync(HttpContext context, ViewerAccess viewer, string target, string detail) =>
        audit.RecordAsync(
            new AuditEvent(
                viewer.Name,
                context.User.FindFirst("sub")?.Value,
                AuditActions.BlindView,
                target,
                detail,
                context.Connection.RemoteIpAddress?.ToString()
            ),
            context.RequestAborted
        );
}
