using System.Net;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// Silences made from the dashboard (/alerts, a site page) become Alertmanager silences: matchers from the form,
/// a duration, a required comment and the viewer as createdBy. Shifters and admins only, from the monitor's own
/// form (antiforgery), audited; a silence is expired the same way.
/// </summary>
public static class AlertSilences
{
    public const int MaxHours = 168;
    public const int MaxComment = 500;

    /// <summary>The labels a silence may match on, each exactly (no regular expressions from a form).</summary>
    public static readonly IReadOnlyList<string> MatcherLabels =
    [
        AlertLabels.AlertName,
        AlertLabels.ComputingSite,
        AlertLabels.JediTaskId,
        AlertLabels.Error,
    ];

    public static IEndpointRouteBuilder MapAlertSilences(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(MonitorUrls.AlertSilencesPath).RequireAuthorization(MonitorClaims.ShifterPolicy);
        group.MapPost("", CreateAsync);
        group.MapPost("/{id}/expire", ExpireAsync);
        return app;
    }

    /// <summary>The form's silence, or what is wrong with it in words for the person who sent it.</summary>
    public static (PostableSilence? Silence, string? Error) Read(
        IFormCollection form,
        string createdBy,
        DateTime nowUtc
    )
    {
        var matchers = MatcherLabels
            .Where(l => !string.IsNullOrWhiteSpace(form[l]))
            .Select(l => new SilenceMatcher(l, form[l].ToString().Trim(), IsRegex: false))
            .ToList();
        if (matchers.Count == 0)
        {
            return (
                null,
                $"A silence needs at least one of {string.Join(", ", MatcherLabels)}: it would mute every alert."
            );
        }

        if (!int.TryParse(form["hours"], out var hours) || hours is < 1 or > MaxHours)
        {
            return (null, $"hours is '{form["hours"]}'; expected a whole number of hours from 1 to {MaxHours}.");
        }

        var comment = form["comment"].ToString().Trim();
        if (comment.Length is < 3 or > MaxComment)
        {
            return (
                null,
                $"The comment is required (3 to {MaxComment} characters): say why the alert may be ignored, for "
                    + "the next shift."
            );
        }

        return (new PostableSilence(matchers, nowUtc, nowUtc.AddHours(hours), createdBy, comment), null);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        AlertmanagerClient alertmanager,
        IRequestViewer viewers,
        IAuditRecorder audit,
        TimeProvider time
    )
    {
        if (await Refused(context, antiforgery, alertmanager) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var viewer = await viewers.ForAsync(context);
        var (silence, error) = Read(form, viewer.Name, time.GetUtcNow().UtcDateTime);
        if (silence is null)
        {
            return Answer("Nothing was silenced", error!, form, StatusCodes.Status400BadRequest);
        }

        try
        {
            var id = await alertmanager.CreateSilenceAsync(silence, context.RequestAborted);
            var matchers = string.Join(", ", silence.Matchers.Select(m => $"{m.Name}={m.Value}"));
            await RecordAsync(
                audit,
                context,
                viewer,
                AuditActions.Silence,
                id,
                $"{matchers} until {silence.EndsAt:yyyy-MM-dd HH:mm} UTC: {silence.Comment}"
            );
            return Results.Redirect(ReturnUrl(form), preserveMethod: false);
        }
        catch (HttpRequestException e)
        {
            return Answer("Nothing was silenced", $"Alertmanager did not take the silence: {e.Message}", form, 502);
        }
    }

    private static async Task<IResult> ExpireAsync(
        HttpContext context,
        string id,
        IAntiforgery antiforgery,
        AlertmanagerClient alertmanager,
        IRequestViewer viewers,
        IAuditRecorder audit
    )
    {
        if (await Refused(context, antiforgery, alertmanager) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var viewer = await viewers.ForAsync(context);
        try
        {
            await alertmanager.ExpireSilenceAsync(id, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            return Answer("The silence was not expired", $"Alertmanager did not expire it: {e.Message}", form, 502);
        }

        await RecordAsync(audit, context, viewer, AuditActions.SilenceExpired, id, null);
        return Results.Redirect(ReturnUrl(form), preserveMethod: false);
    }

    private static async Task<IResult?> Refused(
        HttpContext context,
        IAntiforgery antiforgery,
        AlertmanagerClient alertmanager
    )
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AuthenticationEndpoints.Page(
                "Not silenced",
                "<p id=\"denied\">This request did not come from DarkSide.Monitor's own silence form (its antiforgery "
                    + "token is missing or not yours), so nothing was changed.</p>"
                    + $"<p><a href=\"{MonitorUrls.AlertsPath}\">Open the alerts</a> and silence from there.</p>",
                StatusCodes.Status400BadRequest
            );
        }

        return alertmanager.IsConfigured
            ? null
            : AuthenticationEndpoints.Page(
                "Not silenced",
                "<p>No Alertmanager is configured (Alerts:AlertmanagerUrl): alerts are shown but not sent, and there "
                    + "is nothing to silence.</p>",
                StatusCodes.Status409Conflict
            );
    }

    /// <summary>One audit row per silence made or expired: who, which silence, what it matches until when.</summary>
    private static Task RecordAsync(
        IAuditRecorder audit,
        HttpContext context,
        ViewerAccess viewer,
        string action,
        string silence,
        string? detail
    ) =>
        audit.RecordAsync(
            new AuditEvent(
                viewer.Name,
                viewer.Subject,
                action,
                $"silence {silence}",
                detail,
                context.Connection.RemoteIpAddress?.ToString()
            ),
            context.RequestAborted
        );

    private static string ReturnUrl(IFormCollection form) =>
        form["returnUrl"].ToString() is var url && LocalPaths.IsLocal(url) ? url : MonitorUrls.AlertsPath;

    private static IResult Answer(string title, string message, IFormCollection form, int status) =>
        AuthenticationEndpoints.Page(
            title,
            $"<p id=\"problem\">{WebUtility.HtmlEncode(message)}</p>"
                + $"<p><a href=\"{WebUtility.HtmlEncode(ReturnUrl(form))}\">Back</a></p>",
            status
        );
}
