using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DarkSide.Monitor.Identity;

/// <summary>What became of a session's refresh token when its user signed out.</summary>
public enum IamRevocation
{
    Revoked,
    NoRefreshToken,
    NotOffered,
    Failed,
}

/// <summary>
/// Revokes a refresh token at IAM's revocation endpoint (RFC 7009, advertised in discovery) so a copy taken from a
/// signed-out session cannot renew access at IAM either. IAM has no end-session endpoint, so this is all a client can
/// end.
/// </summary>
public sealed class IamTokenRevoker(
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IHttpClientFactory http,
    ILogger<IamTokenRevoker> logger
)
{
    public async Task<IamRevocation> RevokeAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return IamRevocation.NoRefreshToken;
        }

        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            return await RevokeAsync(
                http.CreateClient(IamTokenRefresher.HttpClientName),
                configuration,
                options.ClientId!,
                options.ClientSecret!,
                refreshToken,
                cancellationToken
            );
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogWarning("Could not revoke a refresh token at IAM: {Error}", e.Message);
            return IamRevocation.Failed;
        }
    }

    public static async Task<IamRevocation> RevokeAsync(
        HttpClient client,
        OpenIdConnectConfiguration configuration,
        string clientId,
        string clientSecret,
        string refreshToken,
        CancellationToken cancellationToken
    )
    {
        if (configuration.RevocationEndpoint is not { Length: > 0 } endpoint)
        {
            return IamRevocation.NotOffered;
        }

        using var response = await client.PostAsync(
            endpoint,
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["token"] = refreshToken,
                    ["token_type_hint"] = "refresh_token",
                    ["client_id"] = clientId,
                    ["client_secret"] = clientSecret,
                }
            ),
            cancellationToken
        );

        // RFC 7009 §2.2: 200 also for a token that was already invalid.
        return response.IsSuccessStatusCode ? IamRevocation.Revoked : IamRevocation.Failed;
    }

    public static string Describe(IamRevocation revocation) =>
        revocation switch
        {
            IamRevocation.Revoked => "refresh token revoked at IAM",
            IamRevocation.NoRefreshToken => "no refresh token to revoke",
            IamRevocation.NotOffered => "IAM advertises no revocation endpoint; the refresh token stays valid at IAM",
            _ => "IAM did not confirm the revocation; the refresh token may stay valid at IAM until it expires",
        };
}
