using System.Security.Claims;
using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Panda.Blinding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Sign-in through INDIGO IAM with Microsoft.Identity.Web as a thin wrapper over the cookie and OpenID Connect
/// handlers, with the overrides a non-Entra provider needs (docs/iam-groups.md, "Microsoft.Identity.Web"): explicit
/// MetadataAddress (MIW appends /v2.0 to the authority), an exact issuer check (MIW would install the Entra-only
/// validator), code flow + PKCE with query response mode, raw claim names, saved tokens, and no MSAL token acquisition.
/// </summary>
public static class IamAuthenticationExtensions
{
    public static WebApplicationBuilder AddMonitorIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCheckedOptions<IamOptions, ValidateIamOptions>(IamOptions.SectionName);
        services.AddCascadingAuthenticationState();
        var iam = builder.Configuration.GetSection(IamOptions.SectionName).GetExactly<IamOptions>();
        if (iam.Mode == SignInMode.DevelopmentViewer)
        {
            AddDevelopmentViewer(builder);
            return builder;
        }

        services.AddSingleton<IamSessions>();
        services.AddSingleton<IamTokenRefresher>();
        services.AddSingleton<IamTokenRevoker>();
        services.AddSingleton<IamCookieRefresher>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionWatch>());
        services.AddMonitorTicketStore();
        services.AddHttpClient(IamTokenRefresher.HttpClientName);
        services.AddTransient<IClaimsTransformation, IamClaimsTransformation>();
        services.AddScoped<AuthenticationStateProvider, IamRevalidatingStateProvider>();
        services.AddScoped<IViewerAccessProvider, AuthenticationStateViewerAccessProvider>();
        services.AddSingleton<IRequestViewer, IamRequestViewer>();
        services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddMicrosoftIdentityWebApp(
                miw => ConfigureOidc(miw, iam),
                cookie => ConfigureCookie(cookie, builder.Environment),
                OpenIdConnectDefaults.AuthenticationScheme,
                CookieAuthenticationDefaults.AuthenticationScheme
            );
        services.AddAuthentication().AddIamBearer(iam);

        // Registered after MIW's own configuration, so these IAM-specific settings win over what MIW copies or derives.
        services.Configure<OpenIdConnectOptions>(
            OpenIdConnectDefaults.AuthenticationScheme,
            o =>
            {
                o.MetadataAddress = iam.EffectiveMetadataAddress;
                o.RequireHttpsMetadata = iam.RequireHttpsMetadata;
                o.ResponseType = "code";
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
            }
        );
        AddIamPolicies(services);
        return builder;
    }

    /// <summary>Development only: nobody signs in and the configured viewer is everyone.</summary>
    private static void AddDevelopmentViewer(WebApplicationBuilder builder)
    {
        // No scheme signs anyone in; the middleware still runs, so the pipeline is the same in both modes.
        builder
            .Services.AddAuthentication(DevelopmentViewerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, DevelopmentViewerAuthentication>(
                DevelopmentViewerAuthentication.SchemeName,
                null
            );
        var viewer =
            builder
                .Configuration.GetSection(DarkSide.Monitor.Identity.DevelopmentViewerOptions.SectionName)
                .Get<DarkSide.Monitor.Identity.DevelopmentViewerOptions>()
            ?? new();
        builder
            .Services.AddAuthorizationBuilder()
            .AddPolicy(IamBearerExtensions.ApiPolicy, p => p.RequireAssertion(_ => true))
            .AddPolicy(IamBearerExtensions.ApiAdminPolicy, p => p.RequireAssertion(_ => viewer.Admin))
            .AddPolicy(MonitorClaims.MemberPolicy, p => p.RequireAssertion(_ => true))
            .AddPolicy(MonitorClaims.BlindPolicy, p => p.RequireAssertion(_ => viewer.BlindAccess))
            .AddPolicy(MonitorClaims.AdminPolicy, p => p.RequireAssertion(_ => viewer.Admin))
            .AddPolicy(MonitorClaims.ShifterPolicy, p => p.RequireAssertion(_ => viewer.Admin || viewer.Shifter));
        builder.Services.AddSingleton<DevelopmentViewerAccessProvider>();
        builder.Services.AddSingleton<IViewerAccessProvider>(sp =>
            sp.GetRequiredService<DevelopmentViewerAccessProvider>()
        );
        builder.Services.AddSingleton<IRequestViewer, DevelopmentRequestViewer>();
    }

    /// <summary>Members, blind-data readers and admins by IAM group; every page needs membership at least.</summary>
    private static void AddIamPolicies(IServiceCollection services)
    {
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
            .AddPolicy(IamBearerExtensions.ApiPolicy, IamBearerExtensions.MemberPolicy(IamBearerExtensions.ApiScheme))
            .AddPolicy(
                IamBearerExtensions.ApiAdminPolicy,
                IamBearerExtensions.AdminPolicy(IamBearerExtensions.ApiScheme)
            )
            .AddPolicy(
                MonitorClaims.AdminPolicy,
                p => p.RequireAuthenticatedUser().RequireAssertion(c => MonitorClaims.Has(c.User, MonitorClaims.Admin))
            )
            .AddPolicy(
                MonitorClaims.ShifterPolicy,
                p =>
                    p.RequireAuthenticatedUser()
                        .RequireAssertion(c =>
                            MonitorClaims.Has(c.User, MonitorClaims.Shifter)
                            || MonitorClaims.Has(c.User, MonitorClaims.Admin)
                        )
            )
            .SetFallbackPolicy(
                new AuthorizationPolicyBuilder()
                    .RequireAuthenticatedUser()
                    .RequireAssertion(c => MonitorClaims.Has(c.User, MonitorClaims.Member))
                    .Build()
            );
    }

    private static void ConfigureOidc(MicrosoftIdentityOptions options, IamOptions iam)
    {
        options.Authority = iam.Authority;
        options.MetadataAddress = iam.EffectiveMetadataAddress;
        options.ClientId = iam.ClientId;
        options.ClientSecret = iam.ClientSecret;
        options.ResponseType = "code";
        options.ResponseMode = "query";
        options.UsePkce = true;
        options.SaveTokens = true;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.RequireHttpsMetadata = iam.RequireHttpsMetadata;
        options.CallbackPath = "/signin-oidc";
        options.Scope.Clear();
        foreach (var scope in iam.Scopes)
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = "preferred_username",
            RoleClaimType = MonitorClaims.Access,
            ValidAudience = iam.ClientId,
            ValidIssuer = iam.Authority,

            // Exact string match, as IAM's issuer must be compared (its trailing slash matters; docs/iam-groups.md,
            // "Protocol facts").
            IssuerValidator = (issuer, _, _) =>
                issuer == iam.Authority
                    ? issuer
                    : throw new SecurityTokenInvalidIssuerException(
                        $"The token's issuer '{issuer}' is not Iam:Authority '{iam.Authority}'."
                    ),
        };
        options.Events.OnTokenValidated = async context =>
        {
            // A server-side session for this browser: live pages re-check the user with IAM through it, and ending it
            // (sign-out, lost membership) ends every copy of the cookie.
            var session = Guid.NewGuid().ToString("N");
            var user = context.Principal!;
            ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(IamSessions.SessionClaim, session));
            await context
                .HttpContext.RequestServices.GetRequiredService<SessionStore>()
                .StartAsync(
                    session,
                    user.FindFirst("sub")?.Value,
                    MonitorClaims.DisplayName(user),
                    context.HttpContext.RequestAborted
                );
            if (context.TokenEndpointResponse?.RefreshToken is { } refresh)
            {
                await context
                    .HttpContext.RequestServices.GetRequiredService<IamSessions>()
                    .StoreAsync(session, refresh, context.HttpContext.RequestAborted);
            }
        };
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            // Entra-only parameters MIW adds; IAM has no use for them.
            context.ProtocolMessage.Parameters.Remove("client_info");
            context.ProtocolMessage.Parameters.Remove("x-client-SKU");
            context.ProtocolMessage.Parameters.Remove("x-client-ver");
            context.ProtocolMessage.Parameters.Remove("x-client-brkrver");
            return Task.CompletedTask;
        };
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, IHostEnvironment environment)
    {
        cookie.Cookie.Name = "darkside.monitor";
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.HttpOnly = true;
        // The development IAM and run.sh serve plain HTTP on loopback; anywhere else the cookie travels over HTTPS
        // only.
        cookie.Cookie.SecurePolicy = environment.IsDevelopment()
            ? CookieSecurePolicy.SameAsRequest
            : CookieSecurePolicy.Always;
        cookie.AccessDeniedPath = AuthenticationEndpoints.DeniedPath;
        cookie.Events.OnValidatePrincipal = context =>
            context
                .HttpContext.RequestServices.GetRequiredService<IamCookieRefresher>()
                .ValidateOrRefreshAsync(context);
    }
}
