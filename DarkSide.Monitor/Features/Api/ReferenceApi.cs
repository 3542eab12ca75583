using System.Globalization;
using System.Text.Json.Nodes;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Npgsql;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// The rest of BigPanDA's JSON: /errors/?json (the error summary of a window), /sites/?json (PanDA's queue
/// descriptions from schedconfig_json) and /api/joberrordescriptions/ (PanDA's error_descriptions).
/// </summary>
public static class ReferenceApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/errors/json", (HttpContext c) => BigPandaJson.AnsweringAsync(c, ErrorsAsync))
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet("/sites/json", (HttpContext c) => BigPandaJson.AnsweringAsync(c, SitesAsync))
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet("/api/joberrordescriptions", (HttpContext c) => BigPandaJson.AnsweringAsync(c, DescriptionsAsync))
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
    }

    private static async Task ErrorsAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var parameters = BigPandaJson.Parameters(context);
        if (
            !parameters.Keys.Any(k =>
                k is UrlParameter.Hours or UrlParameter.Days or UrlParameter.DateFrom or UrlParameter.DateTo
            )
        )
        {
            parameters[UrlParameter.Hours] = services
                .GetRequiredService<JobListOptions>()
                .ErrorsDefaultHours.ToString(CultureInfo.InvariantCulture);
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var parsed = services.GetRequiredService<JobQueryParser>().Parse(parameters, now);
        if (parsed.Query is not { } query)
        {
            await BigPandaJson.ErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                BigPandaJson.Describe(parsed.Errors)
            );
            return;
        }

        var viewer = await RequestViewer.ForAsync(context);
        var errors = services
            .GetRequiredService<ErrorSummaryRepository>()
            .GetAsync(query, viewer, context.RequestAborted);
        var summary = services
            .GetRequiredService<JobRepository>()
            .GetSummaryAsync(query, viewer, context.RequestAborted);
        await Task.WhenAll(errors, summary);
        var states = (await summary).Attributes.Single(a => a.Parameter == UrlParameter.JobStatus).Values;
        await BigPandaJson.WriteAsync(
            context,
            new
            {
                jobSummary = states.Select(s => new { name = s.Value, count = s.Count }),
                errsByCount = SelectionJson.ErrorsByCount((await summary) with { Errors = (await errors).ByCode }),
                errsBySite = Groups((await errors).BySite),
                errsByUser = Groups((await errors).ByUser),
                errsByTask = Groups((await errors).ByTask),
            }
        );
    }

    private static IEnumerable<object> Groups(IReadOnlyList<ErrorGroup> groups) =>
        groups.Select(g => new
        {
            name = g.Value,
            toterrjobs = g.Failed,
            finished = g.Finished,
            holding = g.Holding,
            jobs = g.Jobs,
            pctfail = g.FailurePercent is { } p ? Math.Round(p, 1) : (double?)null,
        });

    private static async Task SitesAsync(HttpContext context) =>
        await BigPandaJson.WriteAsync(
            context,
            await ReadAsync(
                context,
                PandaTable.SchedConfig,
                "SELECT panda_queue, data::text, last_update FROM {0} ORDER BY panda_queue",
                r =>
                {
                    var queue = (r.IsDBNull(1) ? null : JsonNode.Parse(r.GetString(1)) as JsonObject) ?? [];
                    queue["panda_queue"] = r.GetString(0);
                    queue["last_update"] = r.IsDBNull(2) ? null : BigPandaJson.Time(r.GetDateTime(2));
                    return (object)queue;
                }
            )
        );

    private static async Task DescriptionsAsync(HttpContext context) =>
        await BigPandaJson.WriteAsync(
            context,
            await ReadAsync(
                context,
                PandaTable.ErrorDescriptions,
                "SELECT id, component, code, acronym, diagnostics, description, category FROM {0} ORDER BY "
                    + "component, code, id",
                r =>
                    (object)
                        new
                        {
                            id = r.GetInt64(0),
                            component = r.GetString(1),
                            code = r.GetInt32(2),
                            acronym = r.IsDBNull(3) ? null : r.GetString(3),
                            diagnostics = r.IsDBNull(4) ? null : r.GetString(4),
                            description = r.IsDBNull(5) ? null : r.GetString(5),
                            category = r.GetInt16(6),
                        }
            )
        );

    /// <summary>All rows of one optional reference table; none when PanDA has no such table (the startup check logs
    /// it).</summary>
    private static async Task<List<object>> ReadAsync(
        HttpContext context,
        PandaTable table,
        string sql,
        Func<System.Data.Common.DbDataReader, object> read
    )
    {
        var tables = context.RequestServices.GetRequiredService<PandaSchema>();
        if (!tables.Has(table))
        {
            return [];
        }

        var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, sql, tables.QualifiedName(table)));
        return await context
            .RequestServices.GetRequiredService<PandaDatabase>()
            .ReadAllAsync(command, read, context.RequestAborted);
    }
}
