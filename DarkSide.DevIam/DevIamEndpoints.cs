using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DarkSide.DevIam;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to us (authorize, token, userinfo), the login form, and a
/// development-only endpoint to change a user's groups while signed in (to test that access follows IAM).
/// </summary>
public static class DevIamEndpoints
{
    public const string LoginScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static WebApplication MapDevIam(this WebApplication app)
    {
        app.MapMethods("/authorize", ["GET", "POST"], AuthorizeAsync);
        app.MapPost("/token", TokenAsync);
        app.MapMethods("/userinfo", ["GET", "POST"], UserInfoAsync);
        app.MapGet("/login", LoginForm);
        app.MapPost("/login", LoginAsync).DisableAntiforgery();
        app.MapPut("/dev/users/{userName}/groups", SetGroups);
        app.MapGet("/", (IOptions<DevIamOptions> options) => Results.Text(DemoUsersText(options.Value)));
        return app;
    }

    public static string DemoUsersText(DevIamOptions options) =>
        "Development IAM users (user / password: groups):\n"
        + string.Join("\n", options.Users.Select(u => $"  {u.UserName} / {u.Password}: {string.Join(", ", u.Groups)}"));

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IOptions<DevIamOptions> options)
    {
        var request = context.GetOpenIddictServerRequest()!;
        var login = await context.AuthenticateAsync(LoginScheme);
        var user = login.Succeeded ? Find(options.Value, login.Principal!.Identity!.Name) : null;
        if (user is null)
        {
            return Results.Redirect(
                "/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)
            );
        }

        return SignIn(user, request.ClientId!, request.GetScopes(), options.Value);
    }

    /// <summary>Code and refresh grants both rebuild the claims from the user as IAM holds them now.</summary>
    private static async Task<IResult> TokenAsync(HttpContext context, IOptions<DevIamOptions> options)
    {
        var request = context.GetOpenIddictServerRequest()!;
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = result.Principal?.GetClaim(Claims.Subject) is { } subject
            ? options.Value.Users.FirstOrDefault(u => u.Subject == subject)
            : null;
        if (user is null)
        {
            return Results.Forbid(
                new AuthenticationProperties(
                    new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] =
                            "The account no longer exists.",
                    }
                ),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]
            );
        }

        return SignIn(user, request.ClientId!, result.Principal!.GetScopes(), options.Value);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, IOptions<DevIamOptions> options)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal!;
        var user = options.Value.Users.FirstOrDefault(u => u.Subject == principal.GetClaim(Claims.Subject));
        if (user is null)
        {
            return Results.Json(new { error = Errors.InvalidToken }, statusCode: (int)HttpStatusCode.Unauthorized);
        }

        var client = principal.GetPresenters().FirstOrDefault() ?? "";
        var profile = Client(options.Value, client)?.Profile ?? TokenProfile.Iam;
        return Results.Json(ProfileClaims.UserInfo(user, profile, principal.GetScopes(), principal, options.Value));
    }

    private static IResult SignIn(
        DevIamUser user,
        string clientId,
        IReadOnlyCollection<string> scopes,
        DevIamOptions options
    )
    {
        var client = Client(options, clientId);
        var profile = client?.Profile ?? TokenProfile.Iam;
        var identity = ProfileClaims.Build(user, profile, scopes, options);
        identity.SetScopes(scopes);
        if (client is { Audience.Length: > 0 })
        {
            identity.SetAudiences(client.Audience);
        }

        if (client is { AccessTokenSeconds: > 0 })
        {
            identity.SetAccessTokenLifetime(TimeSpan.FromSeconds(client.AccessTokenSeconds));
        }
        return Results.SignIn(
            new ClaimsPrincipal(identity),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme
        );
    }

    private static IResult LoginForm(string? returnUrl, string? error) =>
        Results.Content(
            $$"""
            <!doctype html><html><head><title>DarkSide development IAM</title><link rel="icon" href="data:,">
            <style>body{font-family:sans-serif;max-width:28rem;margin:4rem auto}
                label,input,button{display:block;margin:.4rem 0}.e{color:#b00}</style></head>
            <body><h1>DarkSide development IAM</h1>
            <p>Not the experiment's IAM: a local stand-in for development and tests.</p>
            {{(error is null ? "" : "<p class=\"e\" id=\"error\">" + WebUtility.HtmlEncode(error) + "</p>")}}
            <form method="post" action="/login"><input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(
                returnUrl ?? "/"
            )}}">
            <label>Username <input name="username" id="username" autofocus></label>
            <label>Password <input name="password" id="password" type="password"></label>
            <button type="submit" id="sign-in">Sign in</button></form></body></html>
            """,
            "text/html; charset=utf-8"
        );

    private static async Task<IResult> LoginAsync(HttpContext context, IOptions<DevIamOptions> options)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var user = Find(options.Value, form["username"]);
        if (user is null || user.Password != form["password"])
        {
            return Results.Redirect(
                "/login?error="
                    + Uri.EscapeDataString("Unknown user or wrong password.")
                    + "&returnUrl="
                    + Uri.EscapeDataString(returnUrl)
            );
        }

        await context.SignInAsync(
            LoginScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName)], LoginScheme))
        );

        // Only back into this server: the return URL is the authorize request that sent the browser here.
        return Results.Redirect(IsLocalPath(returnUrl) ? returnUrl : "/");
    }

    private static IResult SetGroups(string userName, string[] groups, IOptions<DevIamOptions> options)
    {
        var user = Find(options.Value, userName);
        if (user is null)
        {
            return Results.NotFound(new { error = $"No user '{userName}'." });
        }

        user.Groups = groups;
        return Results.Ok(new { user.UserName, user.Groups });
    }

    private static DevIamUser? Find(DevIamOptions options, string? userName) =>
        options.Users.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.Ordinal));

    private static DevIamClient? Client(DevIamOptions options, string clientId) =>
        options.Clients.FirstOrDefault(c => c.ClientId == clientId);

    /// <summary>
    /// The monitor's rule (MonitorUrls.IsLocalPath; this tool does not reference the monitor): browsers ignore tabs
    /// and line breaks in a URL and read a backslash as a slash, so those would lead to another host.
    /// </summary>
    private static bool IsLocalPath(string path) =>
        path.Length > 0
        && path[0] == '/'
        && (path.Length == 1 || path[1] != '/')
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Any(char.IsControl);
}
