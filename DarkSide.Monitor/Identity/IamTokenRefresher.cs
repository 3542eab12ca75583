using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>A refreshed session: the user as IAM's new ID token states them, and the new tokens.</summary>
public sealed record IamRefresh(
    ClaimsIdentity Identity,
    string AccessToken,
    string RefreshToken,
    DateTimeOffset ExpiresAt,
    string IdToken
);

/// <summary>
/// Redeems a refresh token at IAM's token endpoint and validates the new ID token with the OIDC handler's own
/// settings (issuer, audience, keys). IAM issues a new ID token on refresh, so groups come fresh from IAM.
/// </summary>
public sealed class IamTokenRefresher(
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IHttpClientFactory http,
    TimeProvider time,
    ILogger<IamTokenRefresher> logger
)
{
    public const string HttpClientName = "iam";

    public async Task<IamRefresh?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var response = await http.CreateClient(HttpClientName)
            .PostAsync(
                configuration.TokenEndpoint,
                new FormUrlEncodedContent(
                    new Dictionary<string, string>
                    {
                        ["grant_type"] = "refresh_token",
                        ["client_id"] = options.ClientId!,
                        ["client_secret"] = options.ClientSecret!,
                        ["refresh_token"] = refreshToken,
                    }
                ),
                cancellationToken
            );
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation(
                "IAM refused a refresh token ({Status}); the user signs in again",
                (int)response.StatusCode
            );
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        if (
            !root.TryGetProperty("id_token", out var idToken)
            || !root.TryGetProperty("access_token", out var accessToken)
        )
        {
            logger.LogWarning("IAM's refresh response has no ID token; the user signs in again");
            return null;
        }

        var parameters = options.TokenValidationParameters.Clone();
        parameters.ValidIssuer = configuration.Issuer;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.ValidAudience = options.ClientId;
        var validated = await options.TokenHandler.ValidateTokenAsync(idToken.GetString(), parameters);
        if (!validated.IsValid)
        {
            logger.LogWarning(
                "The ID token IAM returned on refresh did not validate: {Error}",
                validated.Exception?.GetType().Name
            );
            return null;
        }

        var expiresIn = root.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 3600;
        var newRefresh = root.TryGetProperty("refresh_token", out var rotated) ? rotated.GetString()! : refreshToken;
        return new IamRefresh(
            validated.ClaimsIdentity,
            accessToken.GetString()!,
            newRefresh,
            time.GetUtcNow().AddSeconds(expiresIn),
            idToken.GetString()!
        );
    }

    /// <summary>The expiry the OIDC handler saved with the tokens ("expires_at", round-trip format).</summary>
    public static DateTimeOffset? ExpiresAt(string? saved) =>
        DateTimeOffset.TryParse(saved, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;
}
