using System.Security.Claims;
using System.Text.RegularExpressions;

namespace DarkSide.Monitor.Identity;

/// <summary>Which INDIGO IAM token profile a set of claims came from (for diagnostics only).</summary>
public enum IamProfile
{
    None,
    Iam,
    Wlcg,
    Aarc,
    Keycloak,
}

/// <summary>One group value as the token stated it, in which claim.</summary>
public sealed record StatedGroup(string Claim, string Value);

/// <summary>A stated value that did not become a group, and why.</summary>
public sealed record RejectedGroup(string Claim, string Value, string Reason);

/// <summary>The canonical groups (WLCG paths), the profile, what was stated and what was rejected.</summary>
public sealed record IamGroups(
    IReadOnlyList<string> Groups,
    IamProfile Profile,
    IReadOnlyList<StatedGroup> Stated,
    IReadOnlyList<RejectedGroup> Rejected
);

/// <summary>
/// Turns IAM's group encodings into canonical WLCG paths (docs/iam-groups.md, "Normalising groups"): <c>wlcg.groups</c>
/// as is, <c>groups</c> and (if enabled) <c>roles</c> with a leading '/', and AARC entitlements with the configured
/// prefix ("urn:geant:vo.darkside.org:group:darkside:blind" → "/darkside/blind"). Every result must match the WLCG
/// grammar and lie in the VO. Pure: the same claims always give the same result.
/// </summary>
public static partial class IamGroupNormaliser
{
    public const string WlcgGroups = "wlcg.groups";
    public const string Groups = "groups";
    public const string Roles = "roles";
    public const string Entitlement = "eduperson_entitlement";
    public const string Entitlements = "entitlements";
    public const string WlcgVersion = "wlcg.ver";

    [GeneratedRegex("^(/[A-Za-z0-9][A-Za-z0-9_.-]*)+$")]
    private static partial Regex WlcgGroup();

    public static IamGroups Normalise(IEnumerable<Claim> claims, IamOptions options)
    {
        var list = claims.ToList();
        var stated = new List<StatedGroup>();
        var rejected = new List<RejectedGroup>();
        var groups = new List<string>();

        void Take(string claim, Func<string, (string? Path, string? Reason)> toPath)
        {
            foreach (
                var value in list.Where(c => c.Type == claim).Select(c => c.Value).Distinct(StringComparer.Ordinal)
            )
            {
                stated.Add(new StatedGroup(claim, value));
                var (path, reason) = toPath(value);
                reason ??= path is null ? "not a group" : Check(path, options);
                if (reason is not null)
                {
                    rejected.Add(new RejectedGroup(claim, value, reason));
                }
                else if (!groups.Contains(path!, StringComparer.Ordinal))
                {
                    groups.Add(path!);
                }
            }
        }

        Take(WlcgGroups, v => v.StartsWith('/') ? (v, null) : (null, "a wlcg.groups value must start with '/'"));
        Take(Groups, v => (v.StartsWith('/') ? v : "/" + v, null));
        if (options.UseRolesClaim)
        {
            Take(Roles, v => (v.StartsWith('/') ? v : "/" + v, null));
        }

        Take(Entitlement, v => FromEntitlement(v, options));
        Take(Entitlements, v => FromEntitlement(v, options));
        return new IamGroups(groups, DetectProfile(list, options), stated, rejected);
    }

    /// <summary>wlcg.ver marks the WLCG profile; otherwise the claim that carries the groups tells.</summary>
    public static IamProfile DetectProfile(IReadOnlyList<Claim> claims, IamOptions options) =>
        claims.Any(c => c.Type == WlcgVersion) ? IamProfile.Wlcg
        : claims.Any(c => c.Type == Groups) ? IamProfile.Iam
        : claims.Any(c => c.Type is Entitlement or Entitlements) ? IamProfile.Aarc
        : options.UseRolesClaim && claims.Any(c => c.Type == Roles) ? IamProfile.Keycloak
        : IamProfile.None;

    private static (string? Path, string? Reason) FromEntitlement(string value, IamOptions options)
    {
        var prefix = options.AarcEntitlementPrefix;
        if (prefix.Length == 0 || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (null, $"not an entitlement of this IAM (expected the prefix {prefix})");
        }

        var rest = value[prefix.Length..];
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        // AARC-G002 roles (":role=...") are not groups; the group is what comes before them.
        var role = rest.IndexOf(":role=", StringComparison.Ordinal);
        if (role >= 0)
        {
            rest = rest[..role];
        }

        return rest.Length == 0 ? (null, "the entitlement names no group") : ("/" + rest.Replace(':', '/'), null);
    }

    private static string? Check(string path, IamOptions options)
    {
        if (!WlcgGroup().IsMatch(path))
        {
            return "not a valid group path (WLCG grammar /name/name, names of letters, digits, '_', '.', '-')";
        }

        var root = options.VoGroup.TrimEnd('/');
        return root.Length > 0 && path != root && !path.StartsWith(root + "/", StringComparison.Ordinal)
            ? $"outside the VO group {root}"
            : null;
    }
}
