using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DarkSide.DevIam;

/// <summary>
/// What INDIGO IAM puts in ID tokens, access tokens and userinfo for each profile (docs/iam-groups.md, "Profiles"):
/// iam: groups without leading slash with the profile scope, ID token and userinfo only; wlcg: wlcg.ver and
/// wlcg.groups with leading slash when requested, optional groups only by wlcg.groups:/path, in both tokens; aarc:
/// eduperson_entitlement/entitlements URNs and no name or email in the ID token.
/// </summary>
public static class ProfileClaims
{
    public const string WlcgAnyAudience = "https://wlcg.cern.ch/jwt/v1/any";

    /// <summary>The claims for a token pair, each with its destinations.</summary>
    public static ClaimsIdentity Build(
        DevIamUser user,
        TokenProfile profile,
        IReadOnlyCollection<string> scopes,
        DevIamOptions options
    )
    {
        var identity = new ClaimsIdentity("deviam", Claims.Name, Claims.Role);
        void Add(string type, string value, params string[] destinations) =>
            identity.AddClaim(new Claim(type, value).SetDestinations(destinations));
        void AddArray(string type, IEnumerable<string> values, params string[] destinations) =>
            identity.AddClaim(
                new Claim(type, JsonSerializer.Serialize(values), JsonClaimValueTypes.JsonArray).SetDestinations(
                    destinations
                )
            );

        Add(Claims.Subject, user.Subject, Destinations.AccessToken, Destinations.IdentityToken);
        var profileScope = scopes.Contains(Scopes.Profile);
        var idProfile = profile == TokenProfile.Aarc ? [] : new[] { Destinations.IdentityToken };
        if (profileScope)
        {
            Add(Claims.Name, user.Name, idProfile);
            Add(Claims.PreferredUsername, user.UserName, idProfile);
            if (profile != TokenProfile.Aarc)
            {
                Add("organisation_name", options.OrganisationName, Destinations.IdentityToken);
            }
        }

        if (scopes.Contains(Scopes.Email))
        {
            Add(Claims.Email, user.UserName + "@darkside.example", idProfile);
        }

        switch (profile)
        {
            case TokenProfile.Iam when profileScope:
                AddArray("groups", user.Groups, Destinations.IdentityToken);
                break;
            case TokenProfile.Wlcg:
                Add("wlcg.ver", "1.0", Destinations.AccessToken, Destinations.IdentityToken);
                var groups = WlcgGroups(user, scopes, options);
                if (groups is not null)
                {
                    AddArray("wlcg.groups", groups, Destinations.AccessToken, Destinations.IdentityToken);
                }

                identity.SetAudiences(WlcgAnyAudience);
                break;
            case TokenProfile.Aarc:
                Add("voperson_id", user.Subject, Destinations.AccessToken, Destinations.IdentityToken);
                var urns = user.Groups.Select(g => options.AarcUrnPrefix + g.Replace('/', ':')).ToList();
                if (scopes.Contains("eduperson_entitlement"))
                {
                    AddArray("eduperson_entitlement", urns, Destinations.AccessToken, Destinations.IdentityToken);
                }

                if (scopes.Contains("eduperson_entitlement") || scopes.Contains("entitlements"))
                {
                    AddArray("entitlements", urns, Destinations.AccessToken, Destinations.IdentityToken);
                }

                break;
        }

        return identity;
    }

    /// <summary>
    /// IAM's WLCGGroupHelper: bare wlcg.groups gives the default (non-optional) groups; each wlcg.groups:/g gives g if
    /// the user is a member, in request order, and the default groups are appended. Null when no group scope was asked.
    /// </summary>
    public static IReadOnlyList<string>? WlcgGroups(
        DevIamUser user,
        IReadOnlyCollection<string> scopes,
        DevIamOptions options
    )
    {
        var requested = scopes
            .Where(s => s.StartsWith("wlcg.groups:/", StringComparison.Ordinal))
            .Select(s => s["wlcg.groups:/".Length..])
            .ToList();
        if (!scopes.Contains("wlcg.groups") && requested.Count == 0)
        {
            return null;
        }

        var groups = requested.Where(g => user.Groups.Contains(g, StringComparer.Ordinal)).ToList();
        groups.AddRange(
            user.Groups.Where(g => !options.OptionalGroups.Contains(g, StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
        );
        return groups.Distinct(StringComparer.Ordinal).Select(g => "/" + g).ToList();
    }

    /// <summary>
    /// Userinfo as IAM ≥1.12 answers it: only sub without the profile scope; WLCG groups copied from the access
    /// token.
    /// </summary>
    public static Dictionary<string, object> UserInfo(
        DevIamUser user,
        TokenProfile profile,
        IReadOnlyCollection<string> scopes,
        ClaimsPrincipal accessToken,
        DevIamOptions options
    )
    {
        var info = new Dictionary<string, object> { [Claims.Subject] = user.Subject };
        if (!scopes.Contains(Scopes.Profile))
        {
            return info;
        }

        info[Claims.Name] = user.Name;
        info[Claims.PreferredUsername] = user.UserName;
        if (scopes.Contains(Scopes.Email))
        {
            info[Claims.Email] = user.UserName + "@darkside.example";
        }

        switch (profile)
        {
            case TokenProfile.Iam:
                info["groups"] = user.Groups;
                info["organisation_name"] = options.OrganisationName;
                break;
            case TokenProfile.Wlcg:
                var fromToken = accessToken.FindAll("wlcg.groups").Select(c => c.Value).ToList();
                if (fromToken.Count > 0)
                {
                    info["wlcg.groups"] = fromToken;
                }

                break;
            case TokenProfile.Aarc:
                info["eduperson_entitlement"] = user
                    .Groups.Select(g => options.AarcUrnPrefix + g.Replace('/', ':'))
                    .ToList();
                break;
        }

        return info;
    }
}
