using System.Security.Claims;
using DarkSide.Monitor.Panda.Blinding;

namespace DarkSide.Monitor.Identity;

/// <summary>The claims the monitor adds to a signed-in user after normalising IAM's groups.</summary>
public static class MonitorClaims
{
    /// <summary>The added identity's authentication type; its presence makes the transformation idempotent.</summary>
    public const string IdentityType = "darkside-access";

    public const string Group = "darkside:group";
    public const string Profile = "darkside:profile";
    public const string Access = "darkside:access";
    public const string Reason = "darkside:reason";
    public const string Rejected = "darkside:rejected";

    public const string Member = "member";
    public const string Blind = "blind";
    public const string Admin = "admin";
    public const string Shifter = "shifter";

    public const string MemberPolicy = "DarkSideMember";
    public const string BlindPolicy = "DarkSideBlindData";
    public const string AdminPolicy = "DarkSideAdmin";

    /// <summary>Silencing alerts: shifters and admins.</summary>
    public const string ShifterPolicy = "DarkSideShifter";

    /// <summary>The raw group claims IAM may send, kept to show on /account what the token stated.</summary>
    public static readonly string[] RawGroupClaims =
    [
        IamGroupNormaliser.WlcgGroups,
        IamGroupNormaliser.Groups,
        IamGroupNormaliser.Roles,
        IamGroupNormaliser.Entitlement,
        IamGroupNormaliser.Entitlements,
    ];

    public static bool Has(ClaimsPrincipal user, string access) =>
        user.Identities.Any(i => i.AuthenticationType == IdentityType && i.HasClaim(Access, access));

    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirst("preferred_username")?.Value
        ?? user.FindFirst("name")?.Value
        ?? user.FindFirst("sub")?.Value
        ?? "unknown";

    /// <summary>The data layer's view of a signed-in user: blind and admin only for members.</summary>
    public static ViewerAccess ToViewer(ClaimsPrincipal user, BlindJobMode mode) =>
        (
            Has(user, Member)
                ? new ViewerAccess(DisplayName(user), Has(user, Blind), Has(user, Admin))
                : new ViewerAccess(DisplayName(user), CanSeeBlindData: false)
        ) with
        {
            HidesBlindJobs = mode == BlindJobMode.Hide,
            Subject = user.FindFirst("sub")?.Value,
            Session = user.FindFirst(IamSessions.SessionClaim)?.Value,
        };
}
