namespace DarkSide.Monitor.Panda.Db;

/// <summary>
/// One PanDA table the monitor reads, the columns it reads from it, and what is lost without it. Required tables
/// stop the app when missing; without an optional one the pages that would use it say so and do without.
/// </summary>
public sealed record PandaTable(
    string Name,
    bool InArchiveSchema,
    bool Required,
    IReadOnlyList<string> Columns,
    string WithoutIt
)
{
    public static readonly PandaTable JobsDefined4 = Jobs("jobsdefined4");
    public static readonly PandaTable JobsActive4 = Jobs("jobsactive4");
    public static readonly PandaTable JobsArchived4 = Jobs("jobsarchived4");

    public static readonly PandaTable JobsWaiting4 = new(
        "jobswaiting4",
        false,
        false,
        PandaJobColumns.All,
        "no jobs are read from it (current PanDA versions do not write it)"
    );

    public static readonly PandaTable ArchivedJobs = new(
        "jobsarchived",
        true,
        false,
        PandaJobColumns.All,
        "jobs older than jobsarchived4's retention are not shown"
    );

    public static readonly PandaTable JediTasks = new(
        "jedi_tasks",
        false,
        true,
        [
            "jeditaskid",
            "taskname",
            "status",
            "username",
            "creationdate",
            "modificationtime",
            "realmodificationtime",
            "reqid",
            "tasktype",
            "processingtype",
            "workinggroup",
            "prodsourcelabel",
            "campaign",
            "taskpriority",
            "corecount",
            "attemptnr",
            "parent_tid",
        ],
        ""
    );

    public static readonly PandaTable JediDatasets = new(
        "jedi_datasets",
        false,
        true,
        [
            "jeditaskid",
            "datasetid",
            "datasetname",
            "type",
            "status",
            "masterid",
            "nfiles",
            "nfilesfinished",
            "nfilesfailed",
            "nevents",
            "streamname",
        ],
        ""
    );

    public static readonly PandaTable Files = new(
        "filestable4",
        false,
        false,
        ["row_id", "pandaid", "type", "lfn", "dataset", "status", "fsize", "attemptnr"],
        "job pages list no files and the job list counts no input files"
    );

    public static readonly PandaTable StatusLog = new(
        "jobs_statuslog",
        false,
        false,
        ["pandaid", "modificationtime", "jobstatus", "modificationhost"],
        "job pages show no state timeline"
    );

    public static readonly PandaTable RetryHistory = new(
        "jedi_job_retry_history",
        false,
        false,
        ["jeditaskid", "oldpandaid", "newpandaid", "relationtype"],
        "drop mode cannot hide retried jobs and job pages show no retry links"
    );

    public static readonly PandaTable JobParameters = new(
        "jobparamstable",
        false,
        false,
        ["pandaid", "modificationtime", "jobparameters"],
        "job pages show no job parameters"
    );

    public static readonly PandaTable Metadata = new(
        "metatable",
        false,
        false,
        ["pandaid", "modificationtime", "metadata"],
        "job pages show no job metadata"
    );

    public static readonly PandaTable ErrorDescriptions = new(
        "error_descriptions",
        false,
        false,
        ["id", "component", "code", "description", "category"],
        "errors are described from the built-in pilot codes only"
    );

    public static readonly PandaTable SchedConfig = new(
        "schedconfig_json",
        false,
        false,
        ["panda_queue", "data"],
        "queue statuses are not shown and /sites lists only queues that ran jobs"
    );

    public static readonly PandaTable TaskParameters = new(
        "jedi_taskparams",
        false,
        false,
        ["jeditaskid", "taskparams"],
        "the task JSON has no taskparams"
    );

    public static IReadOnlyList<PandaTable> All { get; } =
    [
        JobsDefined4,
        JobsActive4,
        JobsArchived4,
        JediTasks,
        JediDatasets,
        JobsWaiting4,
        ArchivedJobs,
        Files,
        StatusLog,
        RetryHistory,
        JobParameters,
        Metadata,
        ErrorDescriptions,
        SchedConfig,
        TaskParameters,
    ];

    private static PandaTable Jobs(string name) => new(name, false, true, PandaJobColumns.All, "");
}
