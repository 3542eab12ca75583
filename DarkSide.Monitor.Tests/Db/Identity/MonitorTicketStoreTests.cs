using System.Security.Claims;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Db.Identity;

/// <summary>
/// Sign-in tickets in the monitor's schema, as two replicas sharing one key ring see them: what one stores the other
/// reads; a ticket from another key ring opens nowhere; removed is removed; expired tickets are swept.
/// </summary>
[Trait("Kind", "Db")]
public sealed class MonitorTicketStoreTests : IAsyncLifetime
{
    private readonly IDataProtectionProvider _keyRing = new EphemeralDataProtectionProvider();
    private PandaTestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(31, 1, 50, PandaTestDatabase.SeededAtUtc));
        await UsageRollupHarness.MigrateAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>One replica: its own memory cache, the shared database and key ring.</summary>
    private MonitorTicketStore Replica(IDataProtectionProvider? keyRing = null) =>
        new(
            new MonitorDatabase(_db.Admin),
            MsOptions.Create(new MonitorStoreOptions()),
            keyRing ?? _keyRing,
            TimeProvider.System,
            new MemoryCache(new MemoryCacheOptions())
        );

    private static AuthenticationTicket Ticket(string user, string refreshToken, DateTimeOffset? expires = null)
    {
        var identity = new ClaimsIdentity([new Claim("preferred_username", user)], "iam", "preferred_username", null);
        var properties = new AuthenticationProperties { ExpiresUtc = expires ?? DateTimeOffset.UtcNow.AddHours(8) };
        properties.StoreTokens([new AuthenticationToken { Name = "refresh_token", Value = refreshToken }]);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, "Cookies");
    }

    [Fact]
    public async Task ATicketStoredByOneReplica_OpensOnAnother_WithItsTokens_ButNotUnderAnotherKeyRing()
    {
        var key = await Replica().StoreAsync(Ticket("analyst", "refresh-1"));

        var read = await Replica().RetrieveAsync(key);
        var foreign = await Replica(new EphemeralDataProtectionProvider()).RetrieveAsync(key);

        Assert.Equal("analyst", read!.Principal.Identity!.Name);
        Assert.Equal("refresh-1", read.Properties.GetTokenValue("refresh_token"));
        Assert.Null(foreign);
        // The row holds the protected ticket: no token in clear text.
        var stored = await _db.ScalarAsync<byte[]>(
            "SELECT ticket FROM darkside_monitor.session_tickets WHERE key = @k",
            ("k", key)
        );
        Assert.DoesNotContain("refresh-1", System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.InRange(key.Length, 32, 128);
    }

    [Fact]
    public async Task ARenewedTicket_IsWhatTheOtherReplicasRead_AndARemovedOneOpensNowhere()
    {
        var signedIn = Replica();
        var key = await signedIn.StoreAsync(Ticket("shifter", "refresh-1"));

        await signedIn.RenewAsync(key, Ticket("shifter", "refresh-2"));
        var renewed = await Replica().RetrieveAsync(key);
        await signedIn.RemoveAsync(key);

        Assert.Equal("refresh-2", renewed!.Properties.GetTokenValue("refresh_token"));
        Assert.Null(await signedIn.RetrieveAsync(key));
        Assert.Null(await Replica().RetrieveAsync(key));
    }

    [Fact]
    public async Task EachRead_GetsItsOwnTicket_SoARequestChangingItsCopyChangesNoOtherRequests()
    {
        var replica = Replica();
        var key = await replica.StoreAsync(Ticket("admin", "refresh-1"));

        var first = await replica.RetrieveAsync(key);
        first!.Properties.UpdateTokenValue("refresh_token", "changed-in-one-request");
        var second = await replica.RetrieveAsync(key);

        Assert.Equal("refresh-1", second!.Properties.GetTokenValue("refresh_token"));
    }

    [Fact]
    public async Task TicketsADayPastTheirExpiry_AreSweptAtTheNextSignIn()
    {
        var replica = Replica();
        var old = await replica.StoreAsync(Ticket("shifter", "r", DateTimeOffset.UtcNow.AddDays(-2)));
        var recent = await replica.StoreAsync(Ticket("shifter", "r", DateTimeOffset.UtcNow.AddHours(-1)));

        await replica.StoreAsync(Ticket("analyst", "r"));

        var left = await _db.ColumnAsync<string>("SELECT key FROM darkside_monitor.session_tickets");
        Assert.DoesNotContain(old, left);
        Assert.Contains(recent, left);
    }
}
