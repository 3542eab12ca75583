using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Job;

/// <summary>
/// The orders of the job page's tables (errors_sortby=, states_sortby=, attempts_sortby=, files_sortby=). They order
/// what the viewer is shown: a redacted job's file sizes are not shown, so they order nothing either.
/// </summary>
public static class JobPageTables
{
    public const string Error = "error";
    public const string Diagnostic = "diagnostic";
    public const string Description = "description";

    /// <summary>A job's errors by component:code.</summary>
    public static readonly SortColumns<JobErrorDetail> ErrorColumns = new(
        "errors_sortby",
        new TableSort(Error, false),
        new(Error, e => (e.Component, e.Code), IsName: true),
        new(Diagnostic, e => e.Diagnostic, IsName: true),
        new(Description, e => e.Description, IsName: true)
    );

    public const string State = "state";
    public const string Entered = "entered";
    public const string Duration = "duration";
    public const string Host = "host";

    /// <summary>The timeline, first state first.</summary>
    public static readonly SortColumns<JobStateSpan> StateColumns = new(
        "states_sortby",
        new TableSort(Entered, false),
        new(State, s => s.Status, IsName: true),
        new(Entered, s => s.EnteredUtc),
        new(Duration, s => s.Duration),
        new(Host, s => s.Host, IsName: true)
    );

    public const string PandaId = "pandaid";
    public const string Attempt = "attempt";
    public const string Status = "status";
    public const string Modified = "modified";
    public const string Relation = "relation";

    /// <summary>Attempts by PandaID, the first attempt first.</summary>
    public static readonly SortColumns<JobAttempt> AttemptColumns = new(
        "attempts_sortby",
        new TableSort(PandaId, false),
        new(PandaId, a => a.PandaId),
        new(Attempt, a => a.AttemptNr),
        new(Status, a => a.JobStatus, IsName: true),
        new(Modified, a => a.ModificationTime),
        new(Relation, a => a.Relation, IsName: true)
    );

    public const string Type = "type";
    public const string File = "lfn";
    public const string Dataset = "dataset";
    public const string Size = "size";

    /// <summary>Files by type as filestable4 lists them.</summary>
    public static readonly SortColumns<JobFile> FileColumns = new(
        "files_sortby",
        new TableSort(Type, false),
        new(Type, f => f.Type, IsName: true),
        new(File, f => f.Lfn, IsName: true),
        new(Dataset, f => f.Dataset, IsName: true),
        new(Status, f => f.Status, IsName: true),
        new(Size, f => f.Size),
        new(Attempt, f => f.AttemptNr)
    );

    /// <summary>A job's files in an order; by size, a redacted job's keep theirs: its sizes are not shown.</summary>
    public static IReadOnlyList<JobFile> Files(TableSort sort, IEnumerable<JobFile> files, bool redacted) =>
        redacted && sort.Key == Size ? files.ToList() : FileColumns.Apply(sort, files);

    public static readonly IReadOnlyList<TableSortSpec> All =
    [
        ErrorColumns.Spec,
        StateColumns.Spec,
        AttemptColumns.Spec,
        FileColumns.Spec,
    ];
}
