using DarkSide.Monitor.Identity;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>Each feature's exports and JSON as one route group with the same access rule and database answer.</summary>
public static class ExportGroups
{
    /// <summary>
    /// Browsers with their cookie, scripts with an IAM access token: the same access rules for both (or, with
    /// <paramref name="policy"/>, an admin's); a failing database answers 503 as JSON.
    /// </summary>
    public static RouteGroupBuilder MapExportGroup(
        this IEndpointRouteBuilder app,
        string prefix,
        string policy = IamBearerExtensions.ApiPolicy
    ) => app.MapGroup(prefix).RequireAuthorization(policy).AddEndpointFilter<DatabaseProblemFilter>();
}
