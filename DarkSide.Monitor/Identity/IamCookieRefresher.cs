using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Keeps a browser session in step with IAM: when the access token is within five minutes of expiry, redeem the
/// refresh token, replace the cookie's principal with the new ID token's (groups included), and save the new tokens.
/// A refused refresh rejects the cookie, so the next request signs in again.
/// </summary>
public sealed class IamCookieRefresher(
    IamTokenRefresher refresher,
    IamSessions sessions,
    SessionStore store,
    TimeProvider time
)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    public async Task ValidateOrRefreshAsync(CookieValidatePrincipalContext context)
    {
        // A cookie without a live session (signed out, membership lost, or from before sessions were kept) is refused.
        if (
            context.Principal?.FindFirst(IamSessions.SessionClaim)?.Value is not { } current
            || !await store.IsActiveAsync(current, context.HttpContext.RequestAborted)
        )
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var expiresAt = IamTokenRefresher.ExpiresAt(context.Properties.GetTokenValue("expires_at"));
        var stale = await store.TakeAccessChangedAsync(current, context.HttpContext.RequestAborted);
        if (!stale && expiresAt is { } expiry && expiry - time.GetUtcNow() > Margin)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var refreshed = refreshToken is null
            ? null
            : await refresher.RefreshAsync(refreshToken, context.HttpContext.RequestAborted);
        if (refreshed is null)
        {
            context.RejectPrincipal();
            return;
        }

        // The session key survives the refresh, so a live page can find this session's tokens.
        if (context.Principal?.FindFirst(IamSessions.SessionClaim) is { } session)
        {
            refreshed.Identity.AddClaim(new Claim(IamSessions.SessionClaim, session.Value));
            await sessions.StoreAsync(session.Value, refreshed.RefreshToken, context.HttpContext.RequestAborted);
        }

        context.ShouldRenew = true;
        context.ReplacePrincipal(new ClaimsPrincipal(refreshed.Identity));
        context.Properties.StoreTokens([
            new AuthenticationToken { Name = "access_token", Value = refreshed.AccessToken },
            new AuthenticationToken { Name = "id_token", Value = refreshed.IdToken },
            new AuthenticationToken { Name = "refresh_token", Value = refreshed.RefreshToken },
            new AuthenticationToken { Name = "token_type", Value = "Bearer" },
            new AuthenticationToken
            {
                Name = "expires_at",
                Value = refreshed.ExpiresAt.ToString("o", CultureInfo.InvariantCulture),
            },
        ]);
    }
}
