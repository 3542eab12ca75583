using DarkSide.Monitor.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DarkSide.Monitor.Audit;

/// <summary>Records every request refused to a signed-in user or a valid token (403), then lets the default handler answer.</summary>
public sealed class AuditingAuthorizationResultHandler(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var user = context.User;
            await audit.RecordAsync(new AuditEvent(
                MonitorClaims.DisplayName(user), user.FindFirst("sub")?.Value, AuditActions.Denied,
                context.Request.Method + " " + context.Request.Path, string.Join("; ", user.FindAll(MonitorClaims.Reason).Select(c => c.Value)),
                context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
