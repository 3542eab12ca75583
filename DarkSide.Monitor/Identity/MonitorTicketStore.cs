using System.Security.Cryptography;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// The sign-in cookie's ticket (the user's claims and IAM's tokens) in the monitor's schema, protected with the
/// shared key ring; the cookie holds only the row's key. Every replica reads the same tickets, and the cookie stays
/// a few hundred bytes instead of the 8 KB and more that IAM's tokens make, which proxies refuse as a header.
/// A page load asks for the ticket once per file it loads: each instance keeps a ticket it read for
/// <see cref="SessionStore.ActiveFor"/>, the same time it trusts a session it checked.
/// </summary>
public sealed class MonitorTicketStore(
    MonitorDatabase database,
    IOptions<MonitorStoreOptions> store,
    IDataProtectionProvider protection,
    TimeProvider time,
    IMemoryCache cache
) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("DarkSide.Monitor.SessionTickets.v1");

    private static string CacheKey(string key) => "darkside:ticket:" + key;

    private string Table => store.Value.Schema + ".session_tickets";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        // Tickets a day past their expiry are of no use to anyone; sweeping at sign-in keeps the table small.
        await database.ExecuteAsync(
            SqlParameterBag.Command(
                $"DELETE FROM {Table} WHERE expires_at < @before",
                ("before", time.GetUtcNow().AddDays(-1))
            ),
            CancellationToken.None
        );
        return key;
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>
    /// Not cancelled with the request: the cookie handler renews as the answer goes out, when the browser may already
    /// have left, and a half-done renewal would leave this instance's copy and the other instances' apart.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var serialized = TicketSerializer.Default.Serialize(ticket);
        cache.Set(CacheKey(key), serialized, SessionStore.ActiveFor);
        await database.ExecuteAsync(
            SqlParameterBag.Command(
                $"INSERT INTO {Table} (key, ticket, expires_at) VALUES (@key, @ticket, @expires) "
                    + "ON CONFLICT (key) DO UPDATE SET ticket = excluded.ticket, expires_at = excluded.expires_at, "
                    + "updated_at = now()",
                ("key", key),
                ("ticket", _protector.Protect(serialized)),
                ("expires", (object?)ticket.Properties.ExpiresUtc ?? DBNull.Value)
            ),
            CancellationToken.None
        );
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        // Kept serialized: each request gets its own ticket, which the cookie handler may change.
        if (cache.TryGetValue(CacheKey(key), out byte[]? cached) && cached is not null)
        {
            return TicketSerializer.Default.Deserialize(cached);
        }

        var stored = await database.ScalarAsync(
            SqlParameterBag.Command($"SELECT ticket FROM {Table} WHERE key = @key", ("key", key)),
            cancellationToken
        );
        if (stored is not byte[] bytes)
        {
            return null;
        }

        try
        {
            var serialized = _protector.Unprotect(bytes);
            cache.Set(CacheKey(key), serialized, SessionStore.ActiveFor);
            return TicketSerializer.Default.Deserialize(serialized);
        }
        catch (CryptographicException)
        {
            // Protected with a key the ring no longer has: the browser signs in again.
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    /// <summary>Not cancelled with the request either: a sign-out must end the ticket.</summary>
    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        cache.Remove(CacheKey(key));
        await database.ExecuteAsync(
            SqlParameterBag.Command($"DELETE FROM {Table} WHERE key = @key", ("key", key)),
            CancellationToken.None
        );
    }
}

public static class MonitorTicketStoreExtensions
{
    public static IServiceCollection AddMonitorTicketStore(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<MonitorTicketStore>();
        services
            .AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<MonitorTicketStore>((cookie, tickets) => cookie.SessionStore = tickets);
        return services;
    }
}
