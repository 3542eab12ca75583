using System.Security.Claims;
using DarkSide.Monitor.Identity;

namespace DarkSide.Monitor.Tests.Unit.Identity;

[Trait("Kind", "Unit")]
public sealed class IamGroupNormaliserTests
{
    private static readonly IamOptions Options = new();

    private static IamGroups Normalise(params (string Type, string Value)[] claims) =>
        IamGroupNormaliser.Normalise(claims.Select(c => new Claim(c.Type, c.Value)), Options);

    [Fact]
    public void IamProfile_GroupsWithoutLeadingSlash_BecomePaths()
    {
        var result = Normalise(("groups", "darkside"), ("groups", "darkside/blind"), ("sub", "x"));

        Assert.Equal(["/darkside", "/darkside/blind"], result.Groups);
        Assert.Equal(IamProfile.Iam, result.Profile);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void WlcgProfile_PathsAreKept_AndWlcgVerNamesTheProfile()
    {
        var result = Normalise(("wlcg.ver", "1.0"), ("wlcg.groups", "/darkside"), ("wlcg.groups", "/darkside/blind"));

        Assert.Equal(["/darkside", "/darkside/blind"], result.Groups);
        Assert.Equal(IamProfile.Wlcg, result.Profile);
    }

    [Fact]
    public void WlcgGroupWithoutSlash_IsRejected_WithTheReason()
    {
        var result = Normalise(("wlcg.ver", "1.0"), ("wlcg.groups", "darkside/blind"));

        Assert.Empty(result.Groups);
        Assert.Equal("a wlcg.groups value must start with '/'", Assert.Single(result.Rejected).Reason);
    }

    [Theory]
    [InlineData("urn:geant:vo.darkside.org:group:darkside:blind", "/darkside/blind")]
    [InlineData("urn:geant:vo.darkside.org:group:darkside:blind#vo.darkside.org", "/darkside/blind")]
    [InlineData("urn:geant:vo.darkside.org:group:darkside:role=member#vo.darkside.org", "/darkside")]
    [InlineData("urn:geant:vo.darkside.org:group:darkside", "/darkside")]
    public void AarcEntitlements_WithThePrefix_BecomePaths(string entitlement, string group)
    {
        var result = Normalise(("eduperson_entitlement", entitlement), ("entitlements", entitlement));

        Assert.Equal([group], result.Groups);
        Assert.Equal(IamProfile.Aarc, result.Profile);
    }

    [Theory]
    [InlineData("urn:geant:vo.darkside.org.evil:group:darkside:blind")]
    [InlineData("urn:geant:other.org:group:darkside:blind")]
    [InlineData("urn:geant:vo.darkside.org:groupdarkside:blind")]
    [InlineData("urn:geant:vo.darkside.org:group:")]
    public void LookAlikeEntitlements_AreRejected(string entitlement)
    {
        var result = Normalise(("eduperson_entitlement", entitlement));

        Assert.Empty(result.Groups);
        Assert.Single(result.Rejected);
    }

    [Theory]
    [InlineData("darkside//blind")]
    [InlineData("darkside/bl ind")]
    [InlineData("darkside/-blind")]
    [InlineData("")]
    public void InvalidPaths_AreRejected(string value)
    {
        var result = Normalise(("groups", value));

        Assert.Empty(result.Groups);
        Assert.StartsWith("not a valid group path", Assert.Single(result.Rejected).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cms/blind")]
    [InlineData("darkside2/blind")]
    [InlineData("darksideblind")]
    public void GroupsOutsideTheVo_AreRejected(string value)
    {
        var result = Normalise(("groups", value));

        Assert.Empty(result.Groups);
        Assert.Equal("outside the VO group /darkside", Assert.Single(result.Rejected).Reason);
    }

    [Fact]
    public void Duplicates_AcrossClaimsAndEncodings_AppearOnce()
    {
        var result = Normalise(
            ("groups", "darkside/blind"),
            ("groups", "darkside/blind"),
            ("wlcg.groups", "/darkside/blind"),
            ("eduperson_entitlement", "urn:geant:vo.darkside.org:group:darkside:blind")
        );

        Assert.Equal(["/darkside/blind"], result.Groups);
        Assert.Equal(3, result.Stated.Count);
    }

    [Fact]
    public void Roles_CountOnlyWhenConfigured()
    {
        var claims = new[] { new Claim("roles", "darkside/blind") };

        Assert.Empty(IamGroupNormaliser.Normalise(claims, new IamOptions()).Groups);
        var keycloak = IamGroupNormaliser.Normalise(claims, new IamOptions { UseRolesClaim = true });
        Assert.Equal(["/darkside/blind"], keycloak.Groups);
        Assert.Equal(IamProfile.Keycloak, keycloak.Profile);
    }

    [Fact]
    public void NoGroupClaim_IsProfileNone()
    {
        Assert.Equal(IamProfile.None, Normalise(("sub", "x"), ("name", "Ann")).Profile);
    }
}
