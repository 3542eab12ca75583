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
    public static readonly SortColumns<TaskDataset> DatasetColumns = new(
        "datasets_sortby",
        new TableSort(Type, false),
        new(Name, d => d.Name, IsName: true),
        new(Type, d => TypeRank(d.Type), IsName: true),
        new(Stream, d => d.Stream, IsName: true),
        new(Status, d => d.Status, IsName: true),
        new(Files, d => d.Files),
        new(Finished, d => d.Finished),
        new(Failed, d => d.Failed),
        new(Percent, d => d.FinishedPercent),
        new(Events, d => d.Events)
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
    public static readonly SortColumns<TaskRetry> RetryColumns = new(
        "retries_sortby",
        new TableSort(Retried, true),
        new(Retried, r => r.AtUtc),
        new(Attempt, r => r.Old.PandaId),
        new(Status, r => r.Old.Status, IsName: true),
        new(Site, r => r.Old.ComputingSite, IsName: true),
        new(Error, r => r.Old.Errors.Count == 0 ? null : string.Join(" ", r.Old.Errors), IsName: true),
        new(ReplacedBy, r => r.New.PandaId),
        new(NewStatus, r => r.New.Status, IsName: true),
        new(Relation, r => r.Relation, IsName: true)
    );

    public const string PandaId = "pandaid";
    public const string Modified = "modified";
    public const string JobInfo = "info";

    /// <summary>The latest jobs, newest PandaID first.</summary>
    public static readonly SortColumns<JobListRow> LatestJobColumns = new(
        "jobs_sortby",
        new TableSort(PandaId, true),
        new(PandaId, j => j.PandaId),
        new(Attempt, j => j.AttemptNr),
        new(Status, j => j.JobStatus, IsName: true),
        new(Site, j => j.ComputingSite, IsName: true),
        new(Modified, j => j.ModificationTime),
        new(JobInfo, j => j.Errors.Count == 0 ? null : j.Errors[0].ToString(), IsName: true)
    );
}
