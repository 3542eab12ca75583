using System.Text.Json;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>
/// Every export and API endpoint's answer to a database that fails: 503 (or 500 for a schema or grant problem,
/// which retrying will not mend) with JSON naming no data, never a 500 page.
/// </summary>
public sealed class DatabaseProblemFilter(ILogger<DatabaseProblemFilter> logger) : IEndpointFilter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !context.HttpContext.Response.HasStarted)
        {
            var fault = PandaFault.Classify(e);
            if (fault.Permanent)
            {
                logger.LogError("Export failed permanently: {Fault}", fault.Message);
                return TypedResults.Json(
                    new { error = fault.Message },
                    Json,
                    statusCode: StatusCodes.Status500InternalServerError
                );
            }

            logger.LogWarning("Export failed: {Error}", e.GetType().Name);
            return TypedResults.Json(
                new { error = fault.Message + " Try again shortly." },
                Json,
                statusCode: StatusCodes.Status503ServiceUnavailable
            );
        }
    }
}
