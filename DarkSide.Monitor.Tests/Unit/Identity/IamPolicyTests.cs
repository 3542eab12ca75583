using System.Security.Claims;
using DarkSide.DevIam;
using DarkSide.Monitor.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Tests.Unit.Identity;

/// <summary>
/// Principals built from each profile's claims, through the claims transformation and the real authorization service.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class IamPolicyTests
{
    private static IAuthorizationService Authorization()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services
            .AddAuthorizationBuilder()
            .AddPolicy(
                MonitorClaims.MemberPolicy,
                p => p.RequireAuthenticatedUser().RequireAssertion(c => MonitorClaims.Has(c.User, MonitorClaims.Member))
            )
            .AddPolicy(
                MonitorClaims.BlindPolicy,
                p => p.RequireAuthenticatedUser().RequireAssertion(c => MonitorClaims.Has(c.User, MonitorClaims.Blind))
            )
            .AddPolicy(
                MonitorClaims.AdminPolicy,
                p => p.RequireAuthenticatedUser().RequireAssertion(c => MonitorClaims.Has(c.User, MonitorClaims.Admin))
            );
        return services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
    }

    private static Task<ClaimsPrincipal> SignedInAsync(params (string Type, string Value)[] claims) =>
        new IamClaimsTransformation(new StaticOptions(new IamOptions())).TransformAsync(
            new ClaimsPrincipal(
                new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)).Append(new Claim("sub", "u")), "oidc")
            )
        );

    public static TheoryData<string, (string, string)[]> BlindAnalysts =>
        new()
        {
            { "iam", [("groups", "darkside"), ("groups", "darkside/blind")] },
            { "wlcg", [("wlcg.ver", "1.0"), ("wlcg.groups", "/darkside"), ("wlcg.groups", "/darkside/blind")] },
            {
                "aarc",
                [
                    ("eduperson_entitlement", "urn:geant:vo.darkside.org:group:darkside"),
                    ("eduperson_entitlement", "urn:geant:vo.darkside.org:group:darkside:blind"),
                ]
            },
        };

    [Theory]
    [MemberData(nameof(BlindAnalysts))]
    public async Task BlindAnalyst_OfEveryProfile_PassesMemberAndBlind_NotAdmin(
        string profile,
        (string, string)[] claims
    )
    {
        var authorization = Authorization();
        var user = await SignedInAsync(claims);

        Assert.True((await authorization.AuthorizeAsync(user, MonitorClaims.MemberPolicy)).Succeeded, profile);
        Assert.True((await authorization.AuthorizeAsync(user, MonitorClaims.BlindPolicy)).Succeeded, profile);
        Assert.False((await authorization.AuthorizeAsync(user, MonitorClaims.AdminPolicy)).Succeeded, profile);
    }

    [Fact]
    public async Task LookAlikeAndChildOnlyGroups_PassNothing()
    {
        var authorization = Authorization();
        var user = await SignedInAsync(
            ("wlcg.ver", "1.0"),
            ("wlcg.groups", "/darkside/blind"),
            ("wlcg.groups", "/darkside2")
        );

        Assert.False((await authorization.AuthorizeAsync(user, MonitorClaims.MemberPolicy)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(user, MonitorClaims.BlindPolicy)).Succeeded);
    }

    [Fact]
    public async Task Transformation_IsIdempotent()
    {
        var transformation = new IamClaimsTransformation(new StaticOptions(new IamOptions()));
        var once = await SignedInAsync(("groups", "darkside"));

        var twice = await transformation.TransformAsync(once);

        Assert.Single(twice.Identities, i => i.AuthenticationType == MonitorClaims.IdentityType);
    }

    [Theory]
    [InlineData("Production", "http://127.0.0.1:5158/", "is a development IAM")]
    [InlineData("Production", "https://vo.darkside.org/", null)]
    [InlineData("Development", "http://127.0.0.1:5158/", null)]
    public void DevelopmentIam_IsTrustedOnlyInDevelopment(string environment, string authority, string? problem)
    {
        var options = new IamOptions
        {
            Authority = authority,
            ClientId = "c",
            ClientSecret = "s",
            RequireHttpsMetadata = environment == "Production",
        };

        var result = new ValidateIamOptions(new Environment(environment)).Validate(null, options);

        if (problem is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DevelopmentViewerMode_IsRefusedOutsideDevelopment()
    {
        var result = new ValidateIamOptions(new Environment("Production")).Validate(
            null,
            new IamOptions { Mode = SignInMode.DevelopmentViewer }
        );

        Assert.Contains(
            "Iam:Mode is DevelopmentViewer, which signs nobody in",
            result.FailureMessage,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("Production", "http://127.0.0.1:5158", "runs only with ASPNETCORE_ENVIRONMENT=Development")]
    [InlineData("Development", "http://0.0.0.0:5158", "listens on loopback only")]
    [InlineData("Development", "http://*:5158", "listens on loopback only")]
    [InlineData("Development", null, "needs an explicit loopback address")]
    [InlineData("Development", "http://127.0.0.1:5158", null)]
    public void DevIam_RefusesToRunOutsideDevelopmentOrOffLoopback(string environment, string? urls, string? refusal)
    {
        var reason = DevIamHosting.Refusal(new Environment(environment), urls);

        if (refusal is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(refusal, reason, StringComparison.Ordinal);
        }
    }

    private sealed class StaticOptions(IamOptions value) : IOptionsMonitor<IamOptions>
    {
        public IamOptions CurrentValue => value;

        public IamOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<IamOptions, string?> listener) => null;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
