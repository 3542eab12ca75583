using DarkSide.Monitor.Auditing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Sign-out: only from the monitor's own form (antiforgery token), it ends the server-side session (every copy of the
/// cookie), revokes the refresh token at IAM and records both in the audit trail.
/// </summary>
public static class SignOutEndpoint
{
    /// <remarks>The IAM services are optional: the development viewer's mode has none of them.</remarks>
    public static async Task<IResult> SignOutAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        IAuditRecorder audit,
        [FromServices] IamSessions? sessions,
        [FromServices] SessionStore? store,
        [FromServices] IamTokenRevoker? revoker
    )
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AuthenticationEndpoints.Page(
                "Sign-out not confirmed",
                "<p id=\"denied\">This sign-out request did not come from DarkSide.Monitor's own sign-out form "
                    + "(its antiforgery token is missing or not yours), so nothing was changed.</p>"
                    + $"<p><a href=\"/account\">Open your account page</a> and sign out there.</p>",
                StatusCodes.Status400BadRequest
            );
        }

        var cookie = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var session = context.User.FindFirst(IamSessions.SessionClaim)?.Value;
        var refreshToken =
            cookie.Properties?.GetTokenValue("refresh_token")
            ?? (
                session is null || sessions is null
                    ? null
                    : await sessions.RefreshTokenAsync(session, context.RequestAborted)
            );
        if (session is not null)
        {
            if (sessions is not null)
            {
                await sessions.ForgetAsync(session, context.RequestAborted);
            }

            if (store is not null)
            {
                await store.EndAsync(session, "signed out", context.RequestAborted);
            }
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var revocation = revoker is not null
                ? await revoker.RevokeAsync(refreshToken, context.RequestAborted)
                : IamRevocation.NoRefreshToken;
            await audit.RecordAsync(
                new AuditEvent(
                    MonitorClaims.DisplayName(context.User),
                    context.User.FindFirst("sub")?.Value,
                    AuditActions.SignOut,
                    AuthenticationEndpoints.LogoutPath,
                    "session ended; " + IamTokenRevoker.Describe(revocation),
                    context.Connection.RemoteIpAddress?.ToString()
                ),
                context.RequestAborted
            );
        }

        return Results.Redirect(AuthenticationEndpoints.SignedOutPath);
    }
}
