using DarkSide.Monitor.Identity;

namespace DarkSide.Monitor.Tests.Unit.Identity;

[Trait("Kind", "Unit")]
public sealed class IamAccessTests
{
    private static IamAccessDecision Decide(params string[] groups) =>
        IamAccess.Decide(new IamGroups(groups, IamProfile.Wlcg, [], []), new IamOptions());

    [Fact]
    public void Member_WithoutBlindGroup_HasNoBlindAccess()
    {
        var access = Decide("/darkside");

        Assert.True(access.IsMember);
        Assert.False(access.CanSeeBlindData);
        Assert.False(access.IsAdmin);
        Assert.Contains("member: the token states /darkside (Iam:MemberGroups)", access.Reasons);
    }

    [Fact]
    public void BlindAndAdmin_NeedExactGroups()
    {
        Assert.True(Decide("/darkside", "/darkside/blind").CanSeeBlindData);
        Assert.True(Decide("/darkside", "/darkside/admins").IsAdmin);
        var lookAlike = Decide("/darkside", "/darkside/blind2", "/darkside/blind/sub");
        Assert.False(lookAlike.CanSeeBlindData);
        Assert.Contains(
            lookAlike.Reasons,
            r =>
                r.Contains(
                    "/darkside/blind2, /darkside/blind/sub does not count: groups match exactly",
                    StringComparison.Ordinal
                )
        );
    }

    [Fact]
    public void ChildGroup_DoesNotImplyItsParent()
    {
        var access = Decide("/darkside/blind");

        Assert.False(access.IsMember);
        Assert.False(access.CanSeeBlindData);
        Assert.Contains("blind, admin and shifter access need membership too, so they are not granted", access.Reasons);
    }

    [Fact]
    public void Outsider_IsNotAMember()
    {
        Assert.False(Decide().IsMember);
    }
}
