using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// JEDI task and dataset rows of the demo, and PanDA's reference tables (queues, error descriptions).
/// </summary>
public static class DemoTaskRows
{
    public static readonly IReadOnlyList<string> TaskColumns =
    [
        "jeditaskid",
        "taskname",
        "status",
        "username",
        "creationdate",
        "modificationtime",
        "reqid",
        "starttime",
        "endtime",
        "prodsourcelabel",
        "workinggroup",
        "vo",
        "corecount",
        "tasktype",
        "processingtype",
        "taskpriority",
        "currentpriority",
        "architecture",
        "transuses",
        "transpath",
        "splitrule",
        "walltime",
        "walltimeunit",
        "ramcount",
        "ramunit",
        "workqueue_id",
        "progress",
        "failurerate",
        "parent_tid",
        "statechangetime",
        "campaign",
        "gshare",
        "resource_type",
        "attemptnr",
        "container_name",
        "realmodificationtime",
        "framework",
    ];

    public static readonly IReadOnlyList<string> DatasetColumns =
    [
        "jeditaskid",
        "datasetid",
        "datasetname",
        "type",
        "creationtime",
        "modificationtime",
        "vo",
        "masterid",
        "containername",
        "status",
        "state",
        "nfiles",
        "nfilestobeused",
        "nfilesused",
        "nevents",
        "neventsused",
        "nfilesfinished",
        "nfilesfailed",
        "streamname",
        "destination",
        "nfileswaiting",
        "nfilesmissing",
    ];

    public static string Status(DemoTask task) =>
        task.CreatedJobs < task.PlannedJobs || task.SettledFiles < task.CreatedJobs ? "running"
        : task.FailedFiles == 0 ? "done"
        : task.FinishedFiles == 0 ? "failed"
        : "finished";

    public static object?[] Task(DemoTask task, DateTime now)
    {
        var status = Status(task);
        var final = status != "running";
        var kind = task.Kind;
        var lastChange = final ? task.LastActivity : task.Created.AddMinutes(5);
        var managed = kind.ProdSourceLabel == "managed";
        // JEDI leaves what a quick user test does not set NULL: no campaign, group, split rule or attempt yet.
        var bare = !task.HasDatasets;
        return
        [
            task.JediTaskId,
            task.TaskName,
            status,
            task.User.Name,
            task.Created,
            final ? task.LastActivity : now.AddMinutes(-5),
            task.ReqId,
            task.Created.AddMinutes(5),
            final ? task.LastActivity : null,
            kind.ProdSourceLabel,
            managed ? DemoCatalog.WorkingGroup : null,
            DemoCatalog.Vo,
            bare ? null : kind.Cores,
            kind.TaskType,
            kind.ProcessingType,
            task.Priority,
            task.Priority,
            bare ? null : "x86_64-el9-gcc13-opt",
            bare ? null : "ds20k-offline-3.2",
            kind.Transformation,
            bare ? null
            : kind.Cores > 1 ? "CC=8,NG=1"
            : "NG=1",
            (int)(kind.MeanWallMinutes * 60),
            "s",
            (int)(kind.PssPerCoreGb * 1024),
            "MBPerCore",
            kind.ProdSourceLabel == "managed" ? 1 : 2,
            task.PlannedJobs == 0 ? 0 : 100 * task.FinishedFiles / task.PlannedJobs,
            task.SettledFiles == 0 ? 0 : 100 * task.FailedFiles / task.SettledFiles,
            bare ? null : task.JediTaskId,
            lastChange,
            managed ? "DS20k-2026" : null,
            managed ? "DarkSide Production" : "DarkSide Analysis",
            kind.Cores > 1 ? "MCORE" : "SCORE",
            bare ? null : 0,
            bare ? null
            : managed ? "docker://ds20k/offline:v3.2"
            : "docker://ds20k/analysis:v1.7",
            final ? task.LastActivity : now.AddMinutes(-5),
            bare ? null
            : managed ? "prodsys"
            : "prun",
        ];
    }

    public static IEnumerable<object?[]> Datasets(DemoTask task, DateTime now)
    {
        if (!task.HasDatasets)
        {
            yield break;
        }

        var status = Status(task) == "running" ? "ready" : "done";
        var inputType = task.Kind.Name == "simulation" ? "pseudo_input" : "input";
        var events = (long)task.FinishedFiles * 1000;
        yield return Dataset(
            task,
            task.InputDatasetId,
            task.InputDataset!,
            inputType,
            status,
            task.PlannedJobs,
            task.CreatedJobs,
            task.FinishedFiles,
            task.FailedFiles,
            events,
            now
        );
        yield return Dataset(
            task,
            task.OutputDatasetId,
            task.OutputDataset,
            "output",
            status,
            task.FinishedFiles,
            task.FinishedFiles,
            task.FinishedFiles,
            0,
            events,
            now
        );
        yield return Dataset(
            task,
            task.LogDatasetId,
            task.LogDataset,
            "log",
            status,
            task.SettledFiles,
            task.SettledFiles,
            task.SettledFiles,
            0,
            0,
            now
        );
    }

    private static object?[] Dataset(
        DemoTask task,
        long id,
        string name,
        string type,
        string status,
        long files,
        long used,
        long finished,
        long failed,
        long events,
        DateTime now
    ) =>
        [
            task.JediTaskId,
            id,
            name,
            type,
            task.Created,
            now.AddMinutes(-10),
            DemoCatalog.Vo,
            null,
            name.Split('.')[0] + "." + name.Split('.')[^1],
            status,
            type.Contains("input", StringComparison.Ordinal) ? "closed" : "open",
            files,
            files,
            used,
            events,
            events,
            finished,
            failed,
            type == "log" ? "LOG"
            : type == "output" ? "OUTPUT0"
            : "IN",
            null,
            0L,
            0L,
        ];

    /// <summary>schedconfig_json for the demo queues and error_descriptions for the codes the demo uses.</summary>
    public static async Task WriteReferenceDataAsync(
        NpgsqlDataSource admin,
        string schema,
        CancellationToken cancellationToken
    )
    {
        var batch = admin.CreateBatch();
        foreach (var site in DemoCatalog.Sites)
        {
            var data = JsonSerializer.Serialize(
                new
                {
                    status = "online",
                    cloud = site.Cloud,
                    type = "unified",
                    nickname = site.Queue,
                    atlas_site = site.Site,
                    corecount = site.MaxCores,
                    corepower = site.CorePower,
                    maxrss = site.Queue.EndsWith("HIMEM", StringComparison.Ordinal) ? 64000 : 16000,
                    maxtime = 172800,
                    resource_type = "SCORE_MCORE",
                    tier = site.Cloud == "IT" ? 1 : 2,
                    region = site.Cloud,
                    pledgedcpu = (int)(site.Weight * 3000),
                    catchall = "",
                    capability = "ucore",
                }
            );
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO {schema}.schedconfig_json (panda_queue, data, last_update) VALUES (@q, @d, now() "
                    + $"AT TIME ZONE 'UTC')"
            );
            command.Parameters.AddWithValue("q", site.Queue);
            command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Json) { Value = data });
            batch.BatchCommands.Add(command);
        }

        var components = new Dictionary<string, string>
        {
            ["pilot"] = "pilot",
            ["exe"] = "executor",
            ["ddm"] = "dataservice",
            ["jobdispatcher"] = "jobdispatcher",
        };
        foreach (var error in DemoCatalog.Failures.DistinctBy(e => (e.Component, e.Code)))
        {
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO {schema}.error_descriptions (component, code, acronym, diagnostics, description, "
                    + $"category) VALUES (@c, @code, @acronym, @diag, @desc, @cat)"
            );
            command.Parameters.AddWithValue("c", components[error.Component]);
            command.Parameters.AddWithValue("code", error.Code);
            command.Parameters.AddWithValue("acronym", error.Acronym);
            command.Parameters.AddWithValue(
                "diag",
                error.Diagnostic[
                    ..(error.Diagnostic.IndexOf(':') is var colon and > 0 ? colon : error.Diagnostic.Length)
                ]
            );
            command.Parameters.AddWithValue("desc", error.Description);
            command.Parameters.AddWithValue("cat", DemoCatalog.Category(error));
            batch.BatchCommands.Add(command);
        }

        await using (batch)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
