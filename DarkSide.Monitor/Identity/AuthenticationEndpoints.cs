using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Sign-in and sign-out as plain HTTP endpoints. IAM publishes no end-session endpoint, so signing out ends the
/// monitor's session and revokes its refresh token, and says that IAM may still remember the browser. A signed-in user
/// who is not a member gets a page that says why.
/// </summary>
public static class AuthenticationEndpoints
{
    public const string LoginPath = "/authentication/login";
    public const string LogoutPath = "/authentication/logout";
    public const string DeniedPath = "/authentication/denied";
    public const string SignedOutPath = "/authentication/signed-out";

    public static WebApplication MapMonitorAuthentication(this WebApplication app)
    {
        app.MapGet(
                LoginPath,
                (string? returnUrl) =>
                    Results.Challenge(
                        new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) },
                        [OpenIdConnectDefaults.AuthenticationScheme]
                    )
            )
            .AllowAnonymous();
        app.MapPost(LogoutPath, SignOutEndpoint.SignOutAsync).AllowAnonymous();
        app.MapGet(
                SignedOutPath,
                () =>
                    Page(
                        "Signed out",
                        $"<p>You are signed out of DarkSide.Monitor.</p><p>IAM may still remember you: sign out "
                            + $"there too if this is a shared computer.</p><p><a href=\"{LoginPath}\">Sign in "
                            + $"again</a></p>"
                    )
            )
            .AllowAnonymous();
        app.MapGet(
                DeniedPath,
                (HttpContext context) =>
                {
                    var reasons = context
                        .User.FindAll(MonitorClaims.Reason)
                        .Select(c => "<li>" + WebUtility.HtmlEncode(c.Value) + "</li>");
                    var name = WebUtility.HtmlEncode(MonitorClaims.DisplayName(context.User));
                    if (MonitorClaims.Has(context.User, MonitorClaims.Member))
                    {
                        return Page(
                            "Admins only",
                            $"<p id=\"denied\">{name}, that page is for DarkSide.Monitor "
                                + $"admins.</p><ul>{string.Join("", reasons)}</ul><p><a href=\"/\">Back to the "
                                + $"overview</a></p>",
                            StatusCodes.Status403Forbidden
                        );
                    }

                    return Page(
                        "Not a member",
                        $"<p id=\"denied\">{name}, IAM signed you in, but you are not a member of the groups "
                            + $"that may use DarkSide.Monitor.</p>"
                            + $"<ul>{string.Join("", reasons)}</ul><p>Ask the DarkSide IAM administrators to "
                            + $"add you, then <a href=\"{LoginPath}\">sign in again</a>.</p>",
                        StatusCodes.Status403Forbidden
                    );
                }
            )
            .RequireAuthorization(p => p.RequireAuthenticatedUser());
        return app;
    }

    private static string LocalOnly(string? returnUrl) => LocalPaths.IsLocal(returnUrl) ? returnUrl! : "/";

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content(
            // A page of its own, outside the dashboard: sized for a phone too, in the viewer's colour scheme.
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + $"content=\"width=device-width, initial-scale=1\"><title>{title} · DarkSide.Monitor</title>"
                + $"<link rel=\"icon\" type=\"image/svg+xml\" href=\"/img/favicon.svg\"><style>:root{{color-scheme:"
                + $"light dark}}body{{font-family:Roboto,Helvetica,Arial,sans-serif;line-height:1.5;max-width:40rem;"
                + $"margin:3rem auto;padding:0 1rem}}h1{{font-weight:400}}a{{padding:4px 0}}</style></head><body>"
                + $"<h1>{title}</h1>{body}</body></html>",
            "text/html; charset=utf-8",
            statusCode: status
        );
}
