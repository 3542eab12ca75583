using System.Text.Json.Nodes;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// One task as BigPanDA's task JSON has it (cleanTaskList and calculate_dataset_stats): every jedi_tasks column,
/// transpath as its last segment, statechangetime defaulted, eventservice and corecount spelled as BigPanDA does,
/// owner and category, dsinfo (also copied to the top level) and the task's datasets.
/// </summary>
public static class TaskJson
{
    /// <param name="redacted">A blind task shown to a viewer without blind access: its event counts are withheld
    /// too.</param>
    /// <param name="progress">files, finished, failed, missing, events, events used, output events.</param>
    public static JsonObject From(JsonObject task, bool redacted, long[] progress, IEnumerable<JsonNode?> datasets)
    {
        if (task["transpath"]?.GetValue<string>() is { } transpath)
        {
            task["transpath"] = transpath[(transpath.LastIndexOf('/') + 1)..];
        }

        task["statechangetime"] ??= task["modificationtime"]?.DeepClone();
        task["eventservice"] = task["eventservice"]?.GetValue<int>() is > 0 ? "eventservice" : "ordinary";
        task["corecount"] ??= 1;
        var workingGroup = task["workinggroup"]?.GetValue<string>();
        task["owner"] = workingGroup ?? task["username"]?.GetValue<string>();
        task["category"] = Category(
            task["tasktype"]?.GetValue<string>(),
            task["prodsourcelabel"]?.GetValue<string>(),
            workingGroup
        );

        var (files, finished, failed, missing) = (progress[0], progress[1], progress[2], progress[3]);
        var dsinfo = new JsonObject
        {
            ["nfiles"] = files,
            ["nfilesfinished"] = finished,
            ["nfilesfailed"] = failed,
            ["nfilesmissing"] = missing,
            ["pctfinished"] = files == 0 ? 0 : 100 * finished / files,
            ["pctfailed"] = files == 0 ? 0 : 100 * failed / files,
            ["neventsTot"] = redacted ? null : progress[4],
            ["neventsUsedTot"] = redacted ? null : progress[5],
            ["neventsRemaining"] = redacted ? null : progress[4] - progress[5],
            ["neventsOutput"] = redacted ? null : progress[6],
        };
        foreach (var (key, value) in dsinfo)
        {
            task[key] = value?.DeepClone();
        }

        task["dsinfo"] = dsinfo;
        task["datasets"] = new JsonArray([.. datasets.Select(d => d?.DeepClone())]);
        task["blinded"] = redacted;
        return task;
    }

    /// <summary>BigPanDA's task category, from tasktype, the source label and a GP_ working group.</summary>
    private static string Category(string? taskType, string? sourceLabel, string? workingGroup)
    {
        var group = workingGroup?.StartsWith("GP_", StringComparison.Ordinal) == true;
        if (taskType?.StartsWith("ana", StringComparison.Ordinal) == true)
        {
            return sourceLabel is "managed" or "prod_test" ? "service"
                : group ? "group analysis"
                : "user analysis";
        }

        return group ? "group production" : "production";
    }
}
