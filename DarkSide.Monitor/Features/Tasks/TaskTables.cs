using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Tasks;

/// <summary>
/// The orders of the task page's tables, each in a parameter of its own (datasets_sortby=, retries_sortby=,
/// jobs_sortby=) so sorting one keeps the others. They order the rows the viewer was given, already redacted.
/// </summary>
public static class TaskTables
{
    public const string Name = "name";
    public const string Type = "type";
    public const string Stream = "stream";
    public const string Status = "status";
    public const string Files = "files";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Percent = "percent";
    public const string Events = "events";

    /// <summary>Datasets by type as PanDA lists them: inputs, outputs, then the rest.</summary>
    public static readonly TableSortSpec DatasetSort = new(
        [Name, Type, Stream, Status, Files, Finished, Failed, Percent, Events],
        new TableSort(Type, false),
        Name,
        Type,
        Stream,
        Status
    )
    {
        Parameter = "datasets_sortby",
    };

    public static IReadOnlyList<TaskDataset> Datasets(TableSort sort, IEnumerable<TaskDataset> datasets) =>
        TableSortSpec.Order(
            datasets,
            sort,
            (d, key) =>
                key switch
                {
                    Name => d.Name,
                    Type => TypeRank(d.Type),
                    Stream => d.Stream,
                    Status => d.Status,
                    Files => d.Files,
                    Finished => d.Finished,
                    Failed => d.Failed,
                    Percent => d.FinishedPercent,
                    _ => d.Events,
                }
        );

    private static (int, string) TypeRank(string type) =>
        (
            type switch
            {
                "input" or "pseudo_input" => 0,
                "output" => 1,
                _ => 2,
            },
            type
        );

    public const string Retried = "retried";
    public const string Attempt = "attempt";
    public const string Site = "site";
    public const string Error = "error";
    public const string ReplacedBy = "replacedby";
    public const string NewStatus = "newstatus";
    public const string Relation = "relation";

    /// <summary>Retries, newest first.</summary>
    public static readonly TableSortSpec RetrySort = new(
        [Retried, Attempt, Status, Site, Error, ReplacedBy, NewStatus, Relation],
        new TableSort(Retried, true),
        Status,
        Site,
        Error,
        NewStatus,
        Relation
    )
    {
        Parameter = "retries_sortby",
    };

    public static IReadOnlyList<TaskRetry> Retries(TableSort sort, IEnumerable<TaskRetry> retries) =>
        TableSortSpec.Order(
            retries,
            sort,
            (r, key) =>
                key switch
                {
                    Retried => r.AtUtc,
                    Attempt => r.Old.PandaId,
                    Status => r.Old.Status,
                    Site => r.Old.ComputingSite,
                    Error => r.Old.Errors.Count == 0 ? null : string.Join(" ", r.Old.Errors),
                    ReplacedBy => r.New.PandaId,
                    NewStatus => r.New.Status,
                    _ => r.Relation,
                }
        );

    public const string PandaId = "pandaid";
    public const string Modified = "modified";
    public const string JobInfo = "info";

    /// <summary>The latest jobs, newest PandaID first.</summary>
    public static readonly TableSortSpec JobSort = new(
        [PandaId, Attempt, Status, Site, Modified, JobInfo],
        new TableSort(PandaId, true),
        Status,
        Site,
        JobInfo
    )
    {
        Parameter = "jobs_sortby",
    };

    public static IReadOnlyList<JobListRow> Jobs(TableSort sort, IEnumerable<JobListRow> jobs) =>
        TableSortSpec.Order(
            jobs,
            sort,
            (j, key) =>
                key switch
                {
                    PandaId => j.PandaId,
                    Attempt => j.AttemptNr,
                    Status => j.JobStatus,
                    Site => j.ComputingSite,
                    Modified => j.ModificationTime,
                    _ => j.Errors.Count == 0 ? null : j.Errors[0].ToString(),
                }
        );
}
