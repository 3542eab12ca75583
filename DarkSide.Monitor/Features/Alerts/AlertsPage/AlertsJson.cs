using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>/alerts?json (served at /alerts/json): the page's report for scripts, with the page's parameters.</summary>
public static class AlertsJson
{
    public static IEndpointRouteBuilder MapAlertsJson(this IEndpointRouteBuilder app)
    {
        app.MapExportGroup(MonitorUrls.AlertsPath).MapGet("/json", JsonAsync);
        return app;
    }

    private static async Task<IResult> JsonAsync(
        HttpContext context,
        AlertsRepository alerts,
        IRequestViewer viewers,
        TimeProvider time
    )
    {
        var values = UrlQuery.From(context.Request).Without(UrlParameter.Json);
        var (query, errors) = AlertsQuery.Parse(values, time.GetUtcNow().UtcDateTime);
        if (query is null)
        {
            return TypedResults.Json(
                new { error = string.Join(" ", errors.Select(e => e.ToString())) },
                statusCode: StatusCodes.Status400BadRequest
            );
        }

        var report = await alerts.GetAsync(query, await viewers.ForAsync(context), context.RequestAborted);
        return TypedResults.Json(Shape(report));
    }

    public static object Shape(AlertsReport report) =>
        new
        {
            asOf = report.AsOfUtc,
            delivery = new
            {
                alertmanager = report.AlertmanagerConfigured ? report.AlertmanagerUrl : null,
                evaluatedAt = report.Delivery.EvaluatedAtUtc,
                deliveredAt = report.Delivery.DeliveredAtUtc,
                failingSince = report.Delivery.FailingSinceUtc,
                failures = report.Delivery.Failures,
                error = report.Delivery.Error,
                problem = report.AlertmanagerProblem,
            },
            alerts = report.Current.Select(r => new
            {
                state = r.Alert.State.ToString().ToLowerInvariant(),
                rule = r.Alert.Rule,
                labels = r.Alert.Labels,
                annotations = r.Alert.Annotations,
                value = r.Alert.Value,
                activeSince = r.Alert.ActiveSinceUtc,
                firedAt = r.Alert.FiredAtUtc,
                silencedBy = r.SilencedBy,
                inhibitedBy = r.InhibitedBy,
            }),
            resolved = report.Resolved.Select(e => new
            {
                rule = e.Alert.Rule,
                labels = e.Alert.Labels,
                annotations = e.Alert.Annotations,
                value = e.Alert.Value,
                firedAt = e.Alert.FiredAtUtc,
                resolvedAt = e.AtUtc,
            }),
            rules = report.Rules,
            silences = report.Silences,
        };
}
