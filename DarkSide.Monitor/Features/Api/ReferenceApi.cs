using System.Globalization;
using System.Text.Json.Nodes;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;
using Npgsql;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// The rest of BigPanDA's JSON: /errors/?json (the error summary of a window), /sites/?json (PanDA's queue
/// descriptions from schedconfig_json) and /api/joberrordescriptions/ (PanDA's error_descriptions).
/// </summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapExportGroup("");
        api.MapGet("/errors/json", ErrorsAsync);
        api.MapGet("/sites/json", SitesAsync);
        api.MapGet("/api/joberrordescriptions", DescriptionsAsync);
        return app;
    }

    private static async Task<IResult> ErrorsAsync(
        HttpContext context,
        JobQueryParser parser,
        ErrorViewOptions options,
        TimeProvider time,
        IErrorSummaryReader errorSummaries,
        IJobListReader jobs,
        IRequestViewer viewers
    )
    {
        var (_, parsed) = ErrorViewQuery.Read(
            UrlQuery.From(context.Request),
            parser,
            options,
            time.GetUtcNow().UtcDateTime,
            UrlParameter.Json
        );
        if (parsed.Query is not { } query)
        {
            return BigPandaJson.Error(StatusCodes.Status400BadRequest, BigPandaJson.Describe(parsed.Errors));
        }

        var viewer = await viewers.ForAsync(context);
        var errors = errorSummaries.GetAsync(query, viewer, context.RequestAborted);
        var summary = jobs.GetSummaryAsync(query, viewer, context.RequestAborted);
        await Task.WhenAll(errors, summary);
        var states = (await summary).Attributes.Single(a => a.Parameter == UrlParameter.JobStatus).Values;
        return BigPandaJson.Write(
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

    private static async Task<IResult> SitesAsync(ReferenceTables reference, CancellationToken cancellationToken) =>
        BigPandaJson.Write(
            await reference.ReadAsync(
                PandaTable.SchedConfig,
                "SELECT panda_queue, data::text, last_update FROM {0} ORDER BY panda_queue",
                r =>
                {
                    var queue = (r.IsDBNull(1) ? null : JsonNode.Parse(r.GetString(1)) as JsonObject) ?? [];
                    queue["panda_queue"] = r.GetString(0);
                    queue["last_update"] = r.IsDBNull(2) ? null : BigPandaJson.Time(r.GetDateTime(2));
                    return (object)queue;
                },
                cancellationToken
            )
        );

    private static async Task<IResult> DescriptionsAsync(
        ReferenceTables reference,
        CancellationToken cancellationToken
    ) =>
        BigPandaJson.Write(
            await reference.ReadAsync(
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
                        },
                cancellationToken
            )
        );
}

/// <summary>All rows of one of PanDA's optional reference tables; none when PanDA has no such table (the startup
/// check logs it).</summary>
public sealed class ReferenceTables(PandaDatabase panda, PandaSchema tables)
{
    public async Task<List<object>> ReadAsync(
        PandaTable table,
        string sql,
        Func<System.Data.Common.DbDataReader, object> read,
        CancellationToken cancellationToken
    )
    {
        if (!tables.Has(table))
        {
            return [];
        }

        var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, sql, tables.QualifiedName(table)));
        return await panda.ReadAllAsync(command, read, cancellationToken);
    }
}
