using System.Collections.Concurrent;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// The refresh token of each signed-in browser session, held on the server so a live page (whose circuit has no
/// cookie) can ask IAM again whether its user still has the access they started with. In memory: a restart makes
/// open pages re-check through a new sign-in.
/// </summary>
public sealed class IamSessions
{
    public const string SessionClaim = "darkside:sid";

    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);

    public void Store(string session, string refreshToken) => _refreshTokens[session] = refreshToken;

    public string? RefreshToken(string session) => _refreshTokens.GetValueOrDefault(session);

    public void Forget(string session) => _refreshTokens.TryRemove(session, out _);

    private readonly ConcurrentDictionary<string, bool> _stale = new(StringComparer.Ordinal);

    /// <summary>A live page found the user's access changed: the cookie must refresh on its next request.</summary>
    public void MarkStale(string session) => _stale[session] = true;

    public bool TakeStale(string session) => _stale.TryRemove(session, out _);
}
