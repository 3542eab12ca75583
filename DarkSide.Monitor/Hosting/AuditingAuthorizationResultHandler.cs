using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Features.Api;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Records every request refused to a signed-in user or a valid token (403), then answers: API requests get JSON with
/// 401 (and WWW-Authenticate: Bearer, never a redirect to sign-in) or 403; pages get the default handler's answer.
/// </summary>
public sealed class AuditingAuthorizationResultHandler(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult
    )
    {
        if (authorizeResult.Forbidden)
        {
            var user = context.User;
            await audit.RecordAsync(
                new AuditEvent(
                    MonitorClaims.DisplayName(user),
                    user.FindFirst("sub")?.Value,
                    AuditActions.Denied,
                    context.Request.Method + " " + context.Request.Path,
                    string.Join("; ", user.FindAll(MonitorClaims.Reason).Select(c => c.Value)),
                    context.Connection.RemoteIpAddress?.ToString()
                ),
                context.RequestAborted
            );
        }

        if (ExportRequests.IsApiRequest(context.Request) && authorizeResult.Challenged)
        {
            // A script without credentials, or with a token IAM did not issue for this monitor: refused, and recorded.
            var sent = context
                .Request.Headers.Authorization.ToString()
                .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            await audit.RecordAsync(
                new AuditEvent(
                    sent ? "(refused token)" : "(no credentials)",
                    null,
                    AuditActions.Denied,
                    context.Request.Method + " " + context.Request.Path,
                    sent ? TokenRefusal.Detail(context) : "401: no credentials",
                    context.Connection.RemoteIpAddress?.ToString()
                ),
                context.RequestAborted
            );
        }

        if (ExportRequests.IsApiRequest(context.Request) && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            await AnswerApiAsync(context, authorizeResult.Forbidden);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static Task AnswerApiAsync(HttpContext context, bool forbidden)
    {
        if (forbidden)
        {
            return BigPandaJson
                .Error(
                    StatusCodes.Status403Forbidden,
                    "Your IAM groups do not make you a DarkSide member; /account shows which groups count."
                )
                .ExecuteAsync(context);
        }

        var sent = context
            .Request.Headers.Authorization.ToString()
            .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        context.Response.Headers.WWWAuthenticate = sent ? "Bearer error=\"invalid_token\"" : "Bearer";
        return BigPandaJson
            .Error(
                StatusCodes.Status401Unauthorized,
                sent
                    ? "The bearer token was refused: it must be an IAM access token, signed, unexpired, from "
                        + "Iam:Authority, for this monitor's audience."
                    : "Sign-in required: send Authorization: Bearer <IAM access token>, or sign in with a browser."
            )
            .ExecuteAsync(context);
    }
}
