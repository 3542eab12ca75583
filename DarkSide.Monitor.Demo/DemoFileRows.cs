using System.Globalization;
using DarkSide.Monitor.Panda.Db;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// A demo job's rows in PanDA's per-job tables: files, state transitions, JEDI file bookkeeping, blobs.
/// </summary>
public sealed class DemoFileRows
{
    private long _nextRowId = 1;

    public static readonly IReadOnlyList<string> FileColumns =
    [
        "row_id",
        "pandaid",
        "modificationtime",
        "guid",
        "lfn",
        "type",
        "dataset",
        "status",
        "proddblock",
        "destinationdblock",
        "destinationse",
        "fsize",
        "checksum",
        "scope",
        "jeditaskid",
        "datasetid",
        "fileid",
        "attemptnr",
    ];

    public static readonly IReadOnlyList<string> StatusLogColumns =
    [
        "pandaid",
        "modificationtime",
        "jobstatus",
        "prodsourcelabel",
        "cloud",
        "computingsite",
        "modificationhost",
        "modiftime_extended",
    ];

    public static readonly IReadOnlyList<string> ContentColumns =
    [
        "jeditaskid",
        "datasetid",
        "fileid",
        "creationdate",
        "lastattempttime",
        "lfn",
        "guid",
        "type",
        "status",
        "fsize",
        "checksum",
        "scope",
        "attemptnr",
        "maxattempt",
        "nevents",
        "keeptrack",
        "startevent",
        "endevent",
        "pandaid",
        "failedattempt",
        "maxfailure",
    ];

    /// <summary>Input, output and log file of one attempt; outputs exist only once the job has finished.</summary>
    public IEnumerable<object?[]> Files(DemoJob job, DemoJobSnapshot snapshot, DateTime stamp)
    {
        var task = job.Task;
        var final = snapshot.Table == PandaJobTable.JobsArchived4;
        var inputStatus = final ? (snapshot.Status == "finished" ? "finished" : "failed") : "ready";
        if (job.InputFile is { } input)
        {
            yield return File(
                job,
                stamp,
                input,
                "input",
                task.InputDataset,
                inputStatus,
                job.InputBytes,
                task.InputDatasetId,
                job.Serial + 1L
            );
        }

        if (snapshot.Status == "finished")
        {
            yield return File(
                job,
                stamp,
                job.OutputFile,
                "output",
                Registered(task, task.OutputDataset),
                "finished",
                job.OutputBytes,
                task.OutputDatasetId,
                job.PandaId
            );
        }

        if (snapshot.StartTime is not null)
        {
            yield return File(
                job,
                stamp,
                job.LogFile,
                "log",
                Registered(task, task.LogDataset),
                final ? "finished" : "unknown",
                2_000_000 + job.PandaId % 5_000_000,
                task.LogDatasetId,
                job.PandaId
            );
        }
    }

    private static string? Registered(DemoTask task, string dataset) => task.HasDatasets ? dataset : null;

    private object?[] File(
        DemoJob job,
        DateTime stamp,
        string lfn,
        string type,
        string? dataset,
        string status,
        long size,
        long datasetId,
        long fileId
    ) =>
        [
            _nextRowId++,
            job.PandaId,
            stamp,
            Guid(job.PandaId, type),
            lfn,
            type,
            dataset is null ? null : DemoTask.NameOf(dataset),
            status,
            job.Task.InputDataset,
            DemoJobRows.DestinationBlock(job),
            $"{job.Site.Site}_DATADISK",
            size,
            $"ad:{job.PandaId % 0xFFFFFFF:x8}",
            dataset is null ? null : DemoTask.ScopeOf(dataset),
            job.Task.JediTaskId,
            dataset is null ? null : datasetId,
            dataset is null ? null : fileId,
            job.AttemptNr,
        ];

    /// <summary>jobs_statuslog: one row per state the job has entered by <paramref name="now"/>.</summary>
    public static IEnumerable<object?[]> StatusLog(DemoJob job, DemoJobSnapshot snapshot, DateTime now)
    {
        var transitions = new List<(DateTime At, string Status)> { (job.Created, "defined") };
        if (job.Activated <= now && (job.End is null || job.Activated < job.End))
        {
            transitions.Add((job.Activated, "activated"));
        }

        if (job.Start is { } start && start <= now)
        {
            var sent = start.AddMinutes(-2) > job.Activated ? start.AddMinutes(-2) : job.Activated;
            transitions.Add((sent, "sent"));
            transitions.Add((start.AddMinutes(-1) > sent ? start.AddMinutes(-1) : sent, "starting"));
            transitions.Add((start, "running"));
            if (job.End is { } end && end <= now && job.Kill is null)
            {
                transitions.Add((end, "holding"));
            }
        }

        if (snapshot.Table == PandaJobTable.JobsArchived4)
        {
            transitions.Add((job.Archived, job.FinalStatus));
        }
        else if (
            snapshot.Status
                is "pending"
                    or "assigned"
                    or "throttled"
                    or "sent"
                    or "starting"
                    or "merging"
                    or "transferring"
            && transitions[^1].Status != snapshot.Status
        )
        {
            transitions.Add((snapshot.StateChangeTime, snapshot.Status));
        }

        return transitions.Select(t =>
            new object?[]
            {
                job.PandaId,
                t.At,
                t.Status,
                job.Task.Kind.ProdSourceLabel,
                job.Site.Cloud,
                job.Site.Queue,
                t.Status == "defined" ? "aipanda-doma1.cern.ch" : job.WorkerNode,
                t.At,
            }
        );
    }

    /// <summary>jedi_dataset_contents keeps one row per input file, pointing at the file's latest attempt.</summary>
    public static object?[]? Content(DemoJob job, DemoJobSnapshot snapshot)
    {
        if (job.Task.InputDataset is not { } input)
        {
            return null;
        }

        var status =
            snapshot.Table == PandaJobTable.JobsArchived4 ? (snapshot.Status == "finished" ? "finished" : "failed")
            : snapshot.Table == PandaJobTable.JobsActive4 ? "running"
            : "picked";
        return
        [
            job.Task.JediTaskId,
            job.Task.InputDatasetId,
            job.Serial + 1L,
            job.Task.Created,
            job.Created,
            job.InputFile,
            Guid(job.PandaId, "content"),
            "input",
            status,
            job.InputBytes,
            $"ad:{job.Serial:x8}",
            DemoTask.ScopeOf(input),
            job.AttemptNr,
            3,
            job.NEvents,
            1,
            0L,
            Math.Max(0, job.NEvents - 1),
            job.PandaId,
            job.AttemptNr - 1,
            3,
        ];
    }

    public static string JobParameters(DemoJob job) =>
        job.Task.Kind.ProdSourceLabel == "managed"
            ? $"--inputFile={job.InputFile} --outputFile={job.OutputFile} --maxEvents=-1 "
                + $"--randomSeed={job.PandaId % 1_000_000} --geometry=ds20k_v3.gdml"
            : $"-j \"\" --sourceURL https://{DemoCatalog.PandaServer}:25443 -r ./ -p "
                + $"\"ana.sh%20--input%20%25IN%20--config%20ds20k.json\" "
                + $"-l {job.Task.LogDataset} -o \"{{'out.root': '{job.OutputFile}'}}\" -i "
                + $"\"[{(job.InputFile is { } i ? $"'{i}'" : "")}]\"";

    /// <summary>The payload's job report summary, as PanDA stores it in metatable.</summary>
    public static string Metadata(DemoJob job) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"files\":{{\"output\":[{{\"name\":\"{job.OutputFile}\",\"nentries\":{job.NEvents},"
                + $"\"file_size\":{job.OutputBytes}}}]}},"
                + $"\"resource\":{{\"executor\":{{\"nevents\":{job.NEvents},\"cpuTime\":{job.CpuSeconds}}}}}}}"
        );

    // Deterministic GUIDs without hashing: the PandaID and a per-file-kind salt are unique together.
    private static string Guid(long pandaId, string salt) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{(uint)pandaId:X8}-{(ushort)(pandaId >> 32):X4}-4{salt.Length:X3}-{(ushort)salt[0]:X4}-"
                + $"{pandaId * 2654435761 & 0xFFFFFFFFFFFF:X12}"
        );
}
