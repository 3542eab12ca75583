using System.Security.Cryptography;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// The refresh token of each signed-in browser session, held on the server so a live page (whose circuit has no
/// cookie) can ask IAM again whether its user still has the access they started with. Kept in the session's row,
/// protected with the shared key ring: a page whose circuit moved to another replica, or outlived a restart, still
/// finds it.
/// </summary>
public sealed class IamSessions(
    MonitorDatabase database,
    IOptions<MonitorStoreOptions> store,
    IDataProtectionProvider protection
)
{
    public const string SessionClaim = "darkside:sid";

    private readonly IDataProtector _protector = protection.CreateProtector("DarkSide.Monitor.IamSessions.v1");

    private string Table => store.Value.Schema + ".sessions";

    public async Task StoreAsync(string session, string refreshToken, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            SqlParameterBag.Command(
                $"UPDATE {Table} SET refresh_token = @token WHERE sid = @sid",
                ("sid", session),
                ("token", _protector.Protect(refreshToken))
            ),
            cancellationToken
        );

    public async Task<string?> RefreshTokenAsync(string session, CancellationToken cancellationToken)
    {
        var stored = await database.ScalarAsync(
            SqlParameterBag.Command(
                $"SELECT refresh_token FROM {Table} WHERE sid = @sid AND ended_at IS NULL",
                ("sid", session)
            ),
            cancellationToken
        );
        try
        {
            return stored is string protectedToken ? _protector.Unprotect(protectedToken) : null;
        }
        catch (CryptographicException)
        {
            // Protected with a key the ring no longer has: as if there were none, so the page signs in again.
            return null;
        }
    }

    public async Task ForgetAsync(string session, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            SqlParameterBag.Command($"UPDATE {Table} SET refresh_token = NULL WHERE sid = @sid", ("sid", session)),
            cancellationToken
        );
}
