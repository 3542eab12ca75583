using System.Text.Json.Nodes;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// BigPanDA's task JSON (bigpanda-monitor.md §6): /tasks/?json is a list of task dicts, each with every jedi_tasks
/// column, BigPanDA's derived keys, dsinfo and datasets; /task/N/?json is {task, taskparams, datasets}.
/// </summary>
public static class TasksApi
{
    /// <summary>BigPanDA's default task limit, and the most one answer returns.</summary>
    private const int DefaultLimit = 5000;
    private const int MaxLimit = 100_000;

    public static void Map(WebApplication app)
    {
        app.MapGet("/tasks/json", (HttpContext c) => BigPandaJson.AnsweringAsync(c, TasksAsync))
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet(
                "/task/{id}/json",
                (HttpContext c, string id) => BigPandaJson.AnsweringAsync(c, x => TaskAsync(x, id))
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
    }

    private static async Task TasksAsync(HttpContext context)
    {
        var errors = new List<ParameterError>();
        _ = BigPandaJson.Flag(context, "datasets", errors);
        var values = BigPandaJson.Parameters(context, "datasets", "limit");
        var limit =
            QueryValues.Whole(
                UrlQuery
                    .From(context.Request)
                    .Values.Where(p => p.Key == UrlParameter.Limit)
                    .ToDictionary(p => p.Key, p => p.Value.ToString()),
                "limit",
                1,
                MaxLimit,
                errors
            ) ?? DefaultLimit;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var (query, parseErrors) = TaskQueryParser.Parse(values, now);
        errors.AddRange(parseErrors);
        if (query is null || errors.Count > 0)
        {
            await BigPandaJson.ErrorAsync(context, StatusCodes.Status400BadRequest, BigPandaJson.Describe(errors));
            return;
        }

        var viewer = await RequestViewer.ForAsync(context);
        var tasks = await ReadAsync(context, query, viewer, (int)limit);
        await BigPandaJson.WriteAsync(context, tasks);
    }

    private static async Task TaskAsync(HttpContext context, string text)
    {
        if (await BigPandaJson.IdAsync(context, text, "jeditaskid", "31042") is not { } id)
        {
            return;
        }

        var viewer = await RequestViewer.ForAsync(context);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var query = new TaskQuery(
            now,
            null,
            [new NumberListJobFilter(TaskFields.Find("jeditaskid")!, [id])],
            TaskSortKey.JediTaskId,
            true,
            1,
            1
        );
        var task = (await ReadAsync(context, query, viewer, 1)).SingleOrDefault();
        if (task is null)
        {
            await BigPandaJson.ErrorAsync(context, StatusCodes.Status404NotFound, $"PanDA has no task {id}.");
            return;
        }

        var datasets = (JsonArray)task["datasets"]!;
        task.Remove("datasets");
        foreach (var dataset in datasets.OfType<JsonObject>())
        {
            // The task page's dataset list: the name without its scope, the scope apart, and the share finished.
            if (dataset["datasetname"]?.GetValue<string>() is { } name && name.IndexOf(':') is var colon and > 0)
            {
                dataset["scope"] = name[..colon];
                dataset["datasetname"] = name[(colon + 1)..];
            }

            var files = dataset["nfiles"]?.GetValue<long>() ?? 0;
            dataset["percentfinished"] =
                files == 0 ? 0 : Math.Floor(100.0 * (dataset["nfilesfinished"]?.GetValue<long>() ?? 0) / files);
        }

        var blinded = task["blinded"]!.GetValue<bool>() && !viewer.CanSeeBlindData;
        var dsinfo = task["dsinfo"]!;
        task["totev"] = dsinfo["neventsTot"]?.DeepClone();
        task["totevproc"] = dsinfo["neventsUsedTot"]?.DeepClone();
        task["totevoutput"] = dsinfo["neventsOutput"]?.DeepClone();
        await BigPandaJson.WriteAsync(
            context,
            new JsonObject
            {
                ["task"] = task,
                ["taskparams"] = blinded ? null : await TaskParamsAsync(context, id),
                ["datasets"] = new JsonArray([
                    .. datasets
                        .OrderBy(d => d?["datasetname"]?.GetValue<string>(), StringComparer.Ordinal)
                        .Select(d => d?.DeepClone()),
                ]),
            }
        );
    }

    private static async Task<List<JsonObject>> ReadAsync(
        HttpContext context,
        TaskQuery query,
        ViewerAccess viewer,
        int limit
    )
    {
        var services = context.RequestServices;
        var panda = services.GetRequiredService<PandaDatabase>();
        var sql = services.GetRequiredService<TaskSqlBuilder>();
        var rows = await panda.ReadAllAsync(
            sql.JsonCommand(query, viewer, limit),
            r =>
                (
                    Task: JsonNode.Parse(r.GetString(0))!.AsObject(),
                    Blind: r.GetBoolean(1),
                    Progress: Enumerable.Range(2, 7).Select(r.GetInt64).ToArray()
                ),
            context.RequestAborted
        );
        var ids = rows.Select(r => r.Task["jeditaskid"]!.GetValue<long>()).ToArray();
        var datasets = (
            await panda.ReadAllAsync(
                sql.DatasetsJsonCommand(ids, viewer),
                r => (Task: r.GetInt64(0), Dataset: JsonNode.Parse(r.GetString(1))),
                context.RequestAborted
            )
        ).ToLookup(d => d.Task, d => d.Dataset);
        return rows.Select(r =>
                TaskJson.From(
                    r.Task,
                    r.Blind && !viewer.CanSeeBlindData,
                    r.Progress,
                    datasets[r.Task["jeditaskid"]!.GetValue<long>()]
                )
            )
            .ToList();
    }

    private static async Task<JsonNode?> TaskParamsAsync(HttpContext context, long id)
    {
        var services = context.RequestServices;
        var tables = services.GetRequiredService<PandaSchema>();
        if (!tables.Has(PandaTable.TaskParameters))
        {
            return null;
        }

        var command = SqlParameterBag.Command(
            $"SELECT taskparams FROM {tables.QualifiedName(PandaTable.TaskParameters)} WHERE jeditaskid = @id",
            ("id", id)
        );
        var text = (
            await services
                .GetRequiredService<PandaDatabase>()
                .ReadAllAsync(command, r => r.IsDBNull(0) ? null : r.GetString(0), context.RequestAborted)
        ).SingleOrDefault();
        try
        {
            return text is null ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
