using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Runs the normaliser on every authenticated request (so also after the cookie refresher replaced the principal
/// with one built from a new ID token) and adds one identity with the canonical groups, the profile, the access and
/// its reasons. Idempotent: an identity of <see cref="MonitorClaims.IdentityType"/> is never added twice.
/// </summary>
public sealed class IamClaimsTransformation(IOptionsMonitor<IamOptions> options) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (
            principal.Identity?.IsAuthenticated != true
            || principal.Identities.Any(i => i.AuthenticationType == MonitorClaims.IdentityType)
        )
        {
            return Task.FromResult(principal);
        }

        var current = options.CurrentValue;
        var groups = IamGroupNormaliser.Normalise(principal.Claims, current);
        var decision = IamAccess.Decide(groups, current);
        var identity = new ClaimsIdentity(MonitorClaims.IdentityType);
        identity.AddClaims(groups.Groups.Select(g => new Claim(MonitorClaims.Group, g)));
        identity.AddClaim(new Claim(MonitorClaims.Profile, groups.Profile.ToString()));
        identity.AddClaims(
            groups.Rejected.Select(r => new Claim(MonitorClaims.Rejected, $"{r.Claim} '{r.Value}': {r.Reason}"))
        );
        identity.AddClaims(decision.Reasons.Select(r => new Claim(MonitorClaims.Reason, r)));
        if (decision.IsMember)
        {
            identity.AddClaim(new Claim(MonitorClaims.Access, MonitorClaims.Member));
        }

        if (decision.CanSeeBlindData)
        {
            identity.AddClaim(new Claim(MonitorClaims.Access, MonitorClaims.Blind));
        }

        if (decision.IsAdmin)
        {
            identity.AddClaim(new Claim(MonitorClaims.Access, MonitorClaims.Admin));
        }

        if (decision.IsShifter)
        {
            identity.AddClaim(new Claim(MonitorClaims.Access, MonitorClaims.Shifter));
        }

        var transformed = new ClaimsPrincipal(principal.Identities.Append(identity));
        return Task.FromResult(transformed);
    }
}
