using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DarkSide.DevIam;

/// <summary>
/// Wires OpenIddict to behave like INDIGO IAM as a relying party observes it (docs/iam-groups.md, "Protocol facts").
/// </summary>
public static class DevIamHosting
{
    public static readonly string[] Scopes =
    [
        OpenIddictConstants.Scopes.OpenId,
        OpenIddictConstants.Scopes.Profile,
        OpenIddictConstants.Scopes.Email,
        OpenIddictConstants.Scopes.OfflineAccess,
        "wlcg",
        "wlcg.groups",
        "wlcg.groups:/darkside/blind",
        "wlcg.groups:/darkside/admins",
        "eduperson_entitlement",
        "entitlements",
    ];

    /// <summary>
    /// Why this server must not run: it is not in Development, or it would listen beyond loopback. It signs anyone in
    /// with a published password, so it must never be reachable from another machine.
    /// </summary>
    public static string? Refusal(IHostEnvironment environment, string? urls)
    {
        if (!environment.IsDevelopment())
        {
            return $"DarkSide.DevIam runs only with ASPNETCORE_ENVIRONMENT=Development (now "
                + $"'{environment.EnvironmentName}'); it is a development stand-in for IAM, never a real "
                + $"identity provider.";
        }

        var bad = (urls ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(u =>
                !Uri.TryCreate(
                    u.Replace("*", "wildcard", StringComparison.Ordinal)
                        .Replace("+", "wildcard", StringComparison.Ordinal),
                    UriKind.Absolute,
                    out var uri
                ) || !(uri.IsLoopback || uri.Host == "127.0.0.1")
            )
            .ToList();
        return string.IsNullOrWhiteSpace(urls)
                ? "DarkSide.DevIam needs an explicit loopback address, e.g. --urls http://127.0.0.1:5158."
            : bad.Count > 0
                ? $"DarkSide.DevIam listens on loopback only; '{string.Join(", ", bad)}' is not a loopback "
                    + $"address (use http://127.0.0.1:PORT)."
            : null;
    }

    public static WebApplicationBuilder AddDevIam(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DevIamOptions>().Bind(builder.Configuration.GetSection(DevIamOptions.SectionName));
        builder.Services.PostConfigure<DevIamOptions>(o =>
        {
            if (o.Issuer.Length == 0)
            {
                o.Issuer =
                    (builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) ?? "").Split(';')[0].TrimEnd('/') + "/";
            }
        });
        builder.Services.AddDbContext<DbContext>(o => o.UseInMemoryDatabase("deviam").UseOpenIddict());
        builder
            .Services.AddAuthentication(DevIamEndpoints.LoginScheme)
            .AddCookie(DevIamEndpoints.LoginScheme, o => o.LoginPath = "/login");
        var issuer = (
            builder.Configuration[$"{DevIamOptions.SectionName}:Issuer"] is { Length: > 0 } configured
                ? configured
                : (builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) ?? "http://127.0.0.1:5158")
                    .Split(';')[0]
                    .TrimEnd('/') + "/"
        );
        var options =
            builder.Configuration.GetSection(DevIamOptions.SectionName).Get<DevIamOptions>() ?? new DevIamOptions();
        builder
            .Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(issuer))
                    .SetAuthorizationEndpointUris("authorize")
                    .SetTokenEndpointUris("token")
                    .SetUserInfoEndpointUris("userinfo")
                    // IAM (MITREid) offers RFC 7009 revocation at /revoke and advertises it in discovery.
                    .SetRevocationEndpointUris("revoke")
                    .AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .RequireProofKeyForCodeExchange()
                    .RegisterScopes(Scopes)
                    .SetAccessTokenLifetime(TimeSpan.FromMinutes(options.AccessTokenMinutes))
                    .SetIdentityTokenLifetime(TimeSpan.FromMinutes(options.IdTokenMinutes))
                    .AddEphemeralEncryptionKey()
                    .AddEphemeralSigningKey()
                    // IAM issues signed JWT access tokens that resource servers (and the monitor's API) validate.
                    .DisableAccessTokenEncryption()
                    // MITREid (IAM) refresh tokens are reusable until they expire, not rotated on every use.
                    .DisableRollingRefreshTokens();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddHostedService<DevIamClientRegistration>();
        return builder;
    }
}

/// <summary>Registers the configured clients in OpenIddict's in-memory store at startup.</summary>
public sealed class DevIamClientRegistration(IServiceProvider services, IOptions<DevIamOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in options.Value.Clients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientType = ClientTypes.Confidential,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = client.ClientId,
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.Revocation,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var scopeName in DevIamHosting.Scopes.Where(s => s != OpenIddictConstants.Scopes.OpenId))
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + scopeName);
            }

            foreach (var uri in client.RedirectUris)
            {
                descriptor.RedirectUris.Add(new Uri(uri));
            }

            await manager.CreateAsync(descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
