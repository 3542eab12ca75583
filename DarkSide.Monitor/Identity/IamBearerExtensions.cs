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

    /// <summary>Admins' exports (the audit trail), by cookie or bearer token like every other export.</summary>
    public const string ApiAdminPolicy = "DarkSideApiAdmin";

    private static readonly string[] IdTokenClaims = ["nonce", "at_hash", "c_hash", "auth_time"];

    public static AuthenticationBuilder AddIamBearer(this AuthenticationBuilder builder, IamOptions iam)
    {
        builder.Services.AddSingleton<IamUserInfoCache>();
        builder.AddJwtBearer(
            JwtBearerDefaults.AuthenticationScheme,
            o =>
            {
                o.MetadataAddress = iam.EffectiveMetadataAddress;
                o.RequireHttpsMetadata = iam.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenValidationParameters = ValidationParameters(iam);
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = OnTokenValidatedAsync,
                    OnAuthenticationFailed = context =>
                    {
                        TokenRefusal.Record(context.HttpContext, TokenRefusal.Describe(context.Exception));
                        return Task.CompletedTask;
                    },
                };
            }
        );
        builder.AddPolicyScheme(
            ApiScheme,
            "Cookie or bearer",
            o =>
                o.ForwardDefaultSelector = context =>
                    context
                        .Request.Headers.Authorization.ToString()
                        .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme
        );
        return builder;
    }

    private static TokenValidationParameters ValidationParameters(IamOptions iam) =>
        new()
        {
            ValidIssuer = iam.Authority,
            IssuerValidator = (issuer, _, _) =>
                issuer == iam.Authority
                    ? issuer
                    : throw new SecurityTokenInvalidIssuerException(
                        $"The token's issuer is not Iam:Authority '{iam.Authority}'."
                    ),
            ValidAudiences = iam.ApiAudiences.Append(iam.ClientId).Where(a => a.Length > 0).ToArray(),
            ValidAlgorithms =
            [
                SecurityAlgorithms.RsaSha256,
                SecurityAlgorithms.RsaSha384,
                SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.EcdsaSha256,
                SecurityAlgorithms.EcdsaSha384,
            ],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(iam.ClockSkewSeconds),
            NameClaimType = "preferred_username",
        };

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        // An ID token is signed by IAM too and names this client as its audience, but it proves a sign-in to the
        // client, not a grant to call it. Only ID tokens carry these claims (OIDC Core §2, §3.1.3.6).
        if (IdTokenClaims.Any(type => identity.HasClaim(c => c.Type == type)))
        {
            TokenRefusal.Record(context.HttpContext, "an ID token, not an access token");
            context.Fail("An ID token is not an access token; send the access token from IAM's token response.");
            return;
        }

        // IAM puts groups (iam profile) and the user's name (every profile) in userinfo, not the token.
        var needsGroups = !MonitorClaims.RawGroupClaims.Any(type => identity.HasClaim(c => c.Type == type));
        var needsName = !IamUserInfoCache.NameClaims.Any(type => identity.HasClaim(c => c.Type == type));
        if (!needsGroups && !needsName)
        {
            return;
        }

        var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var claims = await context
            .HttpContext.RequestServices.GetRequiredService<IamUserInfoCache>()
            .GetAsync(
                token,
                identity.FindFirst("sub")?.Value,
                context.SecurityToken.ValidTo,
                context.Options,
                context.HttpContext.RequestAborted
            );
        identity.AddClaims(claims.Where(c => IamUserInfoCache.NameClaims.Contains(c.Type) ? needsName : needsGroups));
    }

    public static AuthorizationPolicy MemberPolicy(string scheme) =>
        new AuthorizationPolicyBuilder(scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => MonitorClaims.Has(c.User, MonitorClaims.Member))
            .Build();

    public static AuthorizationPolicy AdminPolicy(string scheme) =>
        new AuthorizationPolicyBuilder(scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c =>
                MonitorClaims.Has(c.User, MonitorClaims.Member) && MonitorClaims.Has(c.User, MonitorClaims.Admin)
            )
            .Build();
}

/// <summary>
/// Group and name claims from IAM's userinfo endpoint for tokens that carry none, cached per token until it expires.
/// An answer about another subject than the token's is ignored (OIDC Core §5.3.2).
/// </summary>
public sealed class IamUserInfoCache(IHttpClientFactory http, TimeProvider time, ILogger<IamUserInfoCache> logger)
{
    public static readonly string[] NameClaims = ["preferred_username", "name"];

    private readonly ConcurrentDictionary<string, (DateTime Expires, IReadOnlyList<Claim> Claims)> _cache = new(
        StringComparer.Ordinal
    );

    public async Task<IReadOnlyList<Claim>> GetAsync(
        string token,
        string? subject,
        DateTime expiresUtc,
        JwtBearerOptions options,
        CancellationToken cancellationToken
    )
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
        using var response = await http.CreateClient(IamTokenRefresher.HttpClientName)
            .SendAsync(request, cancellationToken);
        var claims = new List<Claim>();
        if (response.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement;
            if (
                root.TryGetProperty("sub", out var sub)
                && sub.ValueKind == JsonValueKind.String
                && sub.GetString() == subject
            )
            {
                claims.AddRange(Read(root));
            }
            else
            {
                logger.LogWarning("IAM's userinfo answered for another subject than the API token's; ignored");
            }
        }
        else
        {
            logger.LogInformation(
                "IAM's userinfo answered {Status} for an API token; it gets no groups",
                (int)response.StatusCode
            );
        }

        _cache[key] = (expiresUtc, claims);
        return claims;
    }

    private static IEnumerable<Claim> Read(JsonElement root)
    {
        foreach (var name in MonitorClaims.RawGroupClaims)
        {
            if (root.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var value in values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String))
                {
                    yield return new Claim(name, value.GetString()!);
                }
            }
        }

        foreach (var name in NameClaims)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                yield return new Claim(name, value.GetString()!);
            }
        }
    }
}
