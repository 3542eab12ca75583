using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// The development viewer's scheme: it signs nobody in (the configured viewer is everyone), and a request the
/// viewer's role may not make (an admin page, a silence) gets 403 naming the setting, not a failed challenge.
/// </summary>
public sealed class DevelopmentViewerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentViewer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RefuseAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RefuseAsync();

    private async Task RefuseAsync()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(
            "The development viewer may not do this: its role comes from DevelopmentViewer:Admin, :Shifter and "
                + ":BlindAccess."
        );
    }
}
