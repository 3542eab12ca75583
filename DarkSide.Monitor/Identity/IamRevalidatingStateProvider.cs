using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Re-checks a live page's user with IAM every Iam:RevalidationSeconds: a fresh ID token from the session's refresh
/// token must still give the access the page started with. A user removed from the blind group loses the page
/// without reloading it; so does one whose session IAM no longer honours. Between those checks the page ends within
/// seconds when its session ends or its access changes anywhere (<see cref="SessionWatch"/>): signing out in another
/// tab, or on another replica, leaves no tab receiving data.
/// </summary>
public sealed class IamRevalidatingStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IamSessions _sessions;
    private readonly SessionStore _store;
    private readonly IamTokenRefresher _refresher;
    private readonly IOptionsMonitor<IamOptions> _options;
    private readonly SessionWatch _watch;
    private readonly ICircuitPresence _presence;
    private IDisposable? _watching;

    public IamRevalidatingStateProvider(
        ILoggerFactory loggers,
        IamSessions sessions,
        SessionStore store,
        IamTokenRefresher refresher,
        IOptionsMonitor<IamOptions> options,
        SessionWatch watch,
        ICircuitPresence presence
    )
        : base(loggers)
    {
        (_sessions, _store, _refresher, _options, _watch) = (sessions, store, refresher, options, watch);
        _presence = presence;
        AuthenticationStateChanged += Follow;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(_options.CurrentValue.RevalidationSeconds);

    /// <summary>Watches the session of the circuit's user; an anonymous state (signed out) watches nothing.</summary>
    private async void Follow(Task<AuthenticationState> state)
    {
        try
        {
            var session = (await state).User.FindFirst(IamSessions.SessionClaim)?.Value;
            Interlocked.Exchange(ref _watching, session is null ? null : _watch.Watch(session, End))?.Dispose();
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // No user to watch: the state task failed or was cancelled with the circuit.
        }
    }

    /// <summary>The same as a failed re-check: the page shows that access changed and stops showing data.</summary>
    private void End() =>
        NotifyAuthenticationStateChanged(
            Task.FromResult(
                new AuthenticationState(
                    new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())
                )
            )
        );

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= Follow;
            Interlocked.Exchange(ref _watching, null)?.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState,
        CancellationToken cancellationToken
    )
    {
        // A closed tab's circuit lives on for minutes and shows nobody anything: it asks IAM nothing. Should the
        // browser come back, the next interval checks again, and SessionWatch still ends it at once on sign-out.
        if (!_presence.IsConnected)
        {
            return true;
        }

        var user = authenticationState.User;
        var session = user.FindFirst(IamSessions.SessionClaim)?.Value;
        var refreshToken = session is null ? null : await _sessions.RefreshTokenAsync(session, cancellationToken);
        if (refreshToken is null)
        {
            return false;
        }

        var refreshed = await _refresher.RefreshAsync(refreshToken, cancellationToken);
        if (refreshed is null)
        {
            await _store.EndAsync(session!, "IAM no longer honours the session", cancellationToken);
            return false;
        }

        await _sessions.StoreAsync(session!, refreshed.RefreshToken, cancellationToken);
        var now = IamAccess.Decide(
            IamGroupNormaliser.Normalise(refreshed.Identity.Claims, _options.CurrentValue),
            _options.CurrentValue
        );
        var unchanged =
            now.IsMember == MonitorClaims.Has(user, MonitorClaims.Member)
            && now.CanSeeBlindData == MonitorClaims.Has(user, MonitorClaims.Blind)
            && now.IsAdmin == MonitorClaims.Has(user, MonitorClaims.Admin);
        if (!now.IsMember)
        {
            // No longer a member: no copy of this session's cookie may open anything again.
            await _store.EndAsync(session!, "no longer a member", cancellationToken);
        }
        else if (!unchanged)
        {
            await _store.MarkAccessChangedAsync(session!, cancellationToken);
        }

        return unchanged;
    }
}
