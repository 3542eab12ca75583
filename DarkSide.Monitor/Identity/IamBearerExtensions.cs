using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// IAM access tokens on the JSON and CSV endpoints (Authorization: Bearer). Validated against the issuer's keys:
/// signature (RS256/ES256 only, so alg "none" never passes), exact issuer, lifetime and audience (Iam:ClientId or
/// Iam:ApiAudiences). WLCG-profile tokens carry wlcg.groups; an IAM-profile token carries no groups, so they come
/// from IAM's userinfo endpoint, cached until the token expires. The same access rules then apply as in the browser.
/// </summary>
public static class IamBearerExtensions
{
    /// <summary>Cookie for browsers, Bearer when the request carries a bearer token.</summary>
    public const string ApiScheme = "DarkSideApi";

    public const string ApiPolicy = "DarkSideApiMember";

    private static readonly string[] IdTokenClaims = ["nonce", "at_hash", "c_hash", "auth_time"];

    public static AuthenticationBuilder AddIamBearer(this AuthenticationBuilder builder, IamOptions iam)
    {
        builder.Services.AddSingleton<IamUserInfoCache>();
        builder.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.MetadataAddress = iam.EffectiveMetadataAddress;
            o.RequireHttpsMetadata = iam.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = iam.Authority,
                IssuerValidator = (issuer, _, _) => issuer == iam.Authority
                    ? issuer
                    : throw new SecurityTokenInvalidIssuerException($"The token's issuer is not Iam:Authority '{iam.Authority}'."),
                ValidAudiences = iam.ApiAudiences.Append(iam.ClientId).Where(a => a.Length > 0).ToArray(),
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(iam.ClockSkewSeconds),
                NameClaimType = "preferred_username",
            };
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    // An ID token is signed by IAM too and names this client as its audience, but it proves a sign-in
                    // to the client, not a grant to call it. Only ID tokens carry these claims (OIDC Core §2, §3.1.3.6).
                    if (IdTokenClaims.Any(type => identity.HasClaim(c => c.Type == type)))
                    {
                        context.Fail("An ID token is not an access token; send the access token from IAM's token response.");
                        return;
                    }

                    if (!MonitorClaims.RawGroupClaims.Any(type => identity.HasClaim(c => c.Type == type)))
                    {
                        var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
                        var claims = await context.HttpContext.RequestServices.GetRequiredService<IamUserInfoCache>()
                            .GetAsync(token, context.SecurityToken.ValidTo, context.Options, context.HttpContext.RequestAborted);
                        identity.AddClaims(claims);
                    }
                },
            };
        });
        builder.AddPolicyScheme(ApiScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme);
        return builder;
    }

    public static AuthorizationPolicy MemberPolicy(string scheme) => new AuthorizationPolicyBuilder(scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => MonitorClaims.Has(c.User, MonitorClaims.Member))
        .Build();
}

/// <summary>Group claims from IAM's userinfo endpoint for tokens that carry none, cached per token until it expires.</summary>
public sealed class IamUserInfoCache(IHttpClientFactory http, TimeProvider time, ILogger<IamUserInfoCache> logger)
{
    private readonly ConcurrentDictionary<string, (DateTime Expires, IReadOnlyList<Claim> Claims)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<Claim>> GetAsync(string token, DateTime expiresUtc, JwtBearerOptions options, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow().UtcDateTime;
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Claims;
        }

        foreach (var stale in _cache.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
        {
            _cache.TryRemove(stale, out _);
        }

        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.CreateClient(IamTokenRefresher.HttpClientName).SendAsync(request, cancellationToken);
        var claims = new List<Claim>();
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var name in MonitorClaims.RawGroupClaims)
            {
                if (json.RootElement.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    claims.AddRange(values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => new Claim(name, v.GetString()!)));
                }
            }
        }
        else
        {
            logger.LogInformation("IAM's userinfo answered {Status} for an API token; it gets no groups", (int)response.StatusCode);
        }

        _cache[key] = (expiresUtc, claims);
        return claims;
    }
}
