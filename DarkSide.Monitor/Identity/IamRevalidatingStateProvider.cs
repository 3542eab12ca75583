using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Re-checks a live page's user with IAM every Iam:RevalidationSeconds: a fresh ID token from the session's refresh
/// token must still give the access the page started with. A user removed from the blind group loses the page
/// without reloading it; so does one whose session IAM no longer honours.
/// </summary>
public sealed class IamRevalidatingStateProvider(
    ILoggerFactory loggers,
    IamSessions sessions,
    SessionStore store,
    IamTokenRefresher refresher,
    IOptionsMonitor<IamOptions> options
) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.CurrentValue.RevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState,
        CancellationToken cancellationToken
    )
    {
        var user = authenticationState.User;
        var session = user.FindFirst(IamSessions.SessionClaim)?.Value;
        var refreshToken = session is null ? null : await sessions.RefreshTokenAsync(session, cancellationToken);
        if (refreshToken is null)
        {
            return false;
        }

        var refreshed = await refresher.RefreshAsync(refreshToken, cancellationToken);
        if (refreshed is null)
        {
            await store.EndAsync(session!, "IAM no longer honours the session", cancellationToken);
            return false;
        }

        await sessions.StoreAsync(session!, refreshed.RefreshToken, cancellationToken);
        var now = IamAccess.Decide(
            IamGroupNormaliser.Normalise(refreshed.Identity.Claims, options.CurrentValue),
            options.CurrentValue
        );
        var unchanged =
            now.IsMember == MonitorClaims.Has(user, MonitorClaims.Member)
            && now.CanSeeBlindData == MonitorClaims.Has(user, MonitorClaims.Blind)
            && now.IsAdmin == MonitorClaims.Has(user, MonitorClaims.Admin);
        if (!now.IsMember)
        {
            // No longer a member: no copy of this session's cookie may open anything again.
            await store.EndAsync(session!, "no longer a member", cancellationToken);
        }
        else if (!unchanged)
        {
            await store.MarkAccessChangedAsync(session!, cancellationToken);
        }

        return unchanged;
    }
}
