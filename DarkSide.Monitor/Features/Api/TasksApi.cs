using System.Text.Json.Nodes;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// BigPanDA's task JSON (docs/bigpanda-compatibility.md, "JSON"): /tasks/?json is a list of task dicts, each with every
/// jedi_tasks column, BigPanDA's derived keys, dsinfo and datasets; /task/N/?json is {task, taskparams, datasets}.
/// </summary>
public static class TasksApi
{
    /// <summary>BigPanDA's default task limit, and the most one answer returns.</summary>
    private const int DefaultLimit = 5000;
    private const int MaxLimit = 100_000;

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapExportGroup("");
        api.MapGet("/tasks/json", TasksAsync);
        api.MapGet("/task/{id}/json", TaskAsync);
        return app;
    }

    private static async Task<IResult> TasksAsync(
        HttpContext context,
        TaskJsonReader reader,
        TimeProvider time,
        IRequestViewer viewers
    )
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
        var (query, parseErrors) = TaskQueryParser.Parse(values, time.GetUtcNow().UtcDateTime);
        errors.AddRange(parseErrors);
        if (query is null || errors.Count > 0)
        {
            return BigPandaJson.Error(StatusCodes.Status400BadRequest, BigPandaJson.Describe(errors));
        }

        var viewer = await viewers.ForAsync(context);
        return BigPandaJson.Write(await reader.ReadAsync(query, viewer, (int)limit, context.RequestAborted));
    }

    private static async Task<IResult> TaskAsync(
        HttpContext context,
        string id,
        TaskJsonReader reader,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        if (BigPandaJson.Id(id, "jeditaskid", "31042", out var bad) is not { } taskId)
        {
            return bad!;
        }

        var viewer = await viewers.ForAsync(context);
        var query = new TaskQuery(
            time.GetUtcNow().UtcDateTime,
            null,
            [new NumberListJobFilter(TaskFields.Find("jeditaskid")!, [taskId])],
            TaskSortKey.JediTaskId,
            true,
            1,
            1
        );
        var task = (await reader.ReadAsync(query, viewer, 1, context.RequestAborted)).SingleOrDefault();
        if (task is null)
        {
            return BigPandaJson.Error(StatusCodes.Status404NotFound, $"PanDA has no task {taskId}.");
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
        return BigPandaJson.Write(
            new JsonObject
            {
                ["task"] = task,
                ["taskparams"] = blinded ? null : await reader.TaskParamsAsync(taskId, context.RequestAborted),
                ["datasets"] = new JsonArray([
                    .. datasets
                        .OrderBy(d => d?["datasetname"]?.GetValue<string>(), StringComparer.Ordinal)
                        .Select(d => d?.DeepClone()),
                ]),
            }
        );
    }
}
