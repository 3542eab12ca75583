namespace DarkSide.Monitor.Identity;

/// <summary>What a signed-in user may do, and why, in words an IAM administrator can check against IAM.</summary>
public sealed record IamAccessDecision(bool IsMember, bool CanSeeBlindData, bool IsAdmin, IReadOnlyList<string> Reasons)
{
    /// <summary>May silence alerts: a member of Iam:ShifterGroups.</summary>
    public bool IsShifter { get; init; }
}

/// <summary>
/// Maps canonical groups to access by exact match against Iam:MemberGroups, BlindGroups, AdminGroups and
/// ShifterGroups.
/// </summary>
public static class IamAccess
{
    public static IamAccessDecision Decide(IamGroups groups, IamOptions options)
    {
        var reasons = new List<string>();
        var member = Match(groups.Groups, options.MemberGroups, "member", "Iam:MemberGroups", reasons);
        var blind = Match(groups.Groups, options.BlindGroups, "blind access", "Iam:BlindGroups", reasons);
        var admin = Match(groups.Groups, options.AdminGroups, "admin", "Iam:AdminGroups", reasons);
        var shifter = Match(groups.Groups, options.ShifterGroups, "shifter", "Iam:ShifterGroups", reasons);
        if (!member && (blind || admin || shifter))
        {
            reasons.Add("blind, admin and shifter access need membership too, so they are not granted");
        }

        if (groups.Profile == IamProfile.None)
        {
            reasons.Add(
                "the token carries no group claim (groups, wlcg.groups or eduperson_entitlement): check the "
                    + "client's profile and scopes in IAM"
            );
        }

        return new IamAccessDecision(member, member && blind, member && admin, reasons)
        {
            IsShifter = member && shifter,
        };
    }

    private static bool Match(
        IReadOnlyList<string> stated,
        string[] required,
        string what,
        string setting,
        List<string> reasons
    )
    {
        var hit = required.FirstOrDefault(r => stated.Contains(r, StringComparer.Ordinal));
        if (hit is not null)
        {
            reasons.Add($"{what}: the token states {hit} ({setting})");
            return true;
        }

        var near = stated.Where(s => required.Any(r => s.StartsWith(r, StringComparison.Ordinal))).ToList();
        reasons.Add(
            $"no {what}: the token states none of {string.Join(", ", required)} ({setting})"
                + (near.Count > 0 ? $"; {string.Join(", ", near)} does not count: groups match exactly" : "")
        );
        return false;
    }
}
