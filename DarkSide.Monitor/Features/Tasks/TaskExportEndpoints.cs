using System.Globalization;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Tasks;

/// <summary>
/// /tasks/csv with the task list's own parameters: the whole selection from its first task, up to
/// JobList:ExportLimit, with the list's blind rules (a blind task's name and events stay empty without access).
/// </summary>
public static class TaskExportEndpoints
{
    public static readonly IReadOnlyList<string> Header =
    [
        "jeditaskid",
        "parent_tid",
        "taskname",
        "status",
        "username",
        "tasktype",
        "processingtype",
        "workinggroup",
        "campaign",
        "input_files",
        "finished_percent",
        "failed_percent",
        "events",
        "creationdate_utc",
        "modificationtime_utc",
        "priority",
    ];

    public static IEndpointRouteBuilder MapTaskExports(this IEndpointRouteBuilder app)
    {
        app.MapExportGroup(MonitorUrls.TasksPath).MapGet("/csv", CsvAsync);
        return app;
    }

    private static async Task<IResult> CsvAsync(
        HttpContext context,
        TimeProvider time,
        ExportOptions options,
        ITaskReader tasks,
        IRequestViewer viewers,
        ExportAudit audit
    )
    {
        var values = UrlQuery.From(context.Request).Without(UrlParameter.Page, UrlParameter.DisplayLimit);
        var (parsed, errors) = TaskQueryParser.Parse(values, time.GetUtcNow().UtcDateTime);
        if (parsed is null)
        {
            return ExportRequests.BadRequest(
                "This address has parameters the task list cannot use: " + string.Join(" ", errors)
            );
        }

        var query = parsed with { Page = 1, DisplayLimit = (int)Math.Min(options.ExportLimit, int.MaxValue) };
        var viewer = await viewers.ForAsync(context);
        var page = await tasks.GetTasksAsync(query, viewer, context.RequestAborted);
        var blind = page.Tasks.Count(t => t.IsBlind && !t.IsRedacted);
        if (blind > 0)
        {
            await audit.BlindViewAsync(
                context,
                viewer,
                context.Request.Path + context.Request.QueryString,
                $"export of {blind} blind tasks"
            );
        }

        return new CsvResult(
            "darkside-tasks.csv",
            page.Tasks.Select(Row).Prepend(Header),
            new Dictionary<string, string>
            {
                ["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture),
                ["X-DarkSide-Truncated"] = page.Total > page.Tasks.Count ? "true" : "false",
            }
        );
    }

    public static IEnumerable<string?> Row(TaskRow task) =>
        [
            Number(task.JediTaskId),
            task.ParentTid is { } parent ? Number(parent) : null,
            task.IsRedacted ? null : task.TaskName,
            task.Status,
            task.UserName,
            task.TaskType,
            task.ProcessingType,
            task.WorkingGroup,
            task.Campaign,
            Number(task.Progress.Files),
            Percent(task.Progress.FinishedPercent),
            Percent(task.Progress.FailedPercent),
            task.Progress.Events is { } events ? Number(events) : null,
            Time(task.CreationDate),
            task.ModifiedUtc is { } modified ? Time(modified) : null,
            task.Priority?.ToString(CultureInfo.InvariantCulture),
        ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Percent(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
