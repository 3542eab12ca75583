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
    public static readonly TableSortSpec ErrorSort = new(
        [Error, Diagnostic, Description],
        new TableSort(Error, false),
        Error,
        Diagnostic,
        Description
    )
    {
        Parameter = "errors_sortby",
    };

    public static IReadOnlyList<JobErrorDetail> Errors(TableSort sort, IEnumerable<JobErrorDetail> errors) =>
        TableSortSpec.Order(
            errors,
            sort,
            (e, key) =>
                key switch
                {
                    Error => (e.Component, e.Code),
                    Diagnostic => e.Diagnostic,
                    _ => e.Description,
                }
        );

    public const string State = "state";
    public const string Entered = "entered";
    public const string Duration = "duration";
    public const string Host = "host";

    /// <summary>The timeline, first state first.</summary>
    public static readonly TableSortSpec StateSort = new(
        [State, Entered, Duration, Host],
        new TableSort(Entered, false),
        State,
        Host
    )
    {
        Parameter = "states_sortby",
    };

    public static IReadOnlyList<JobStateSpan> States(TableSort sort, IEnumerable<JobStateSpan> states) =>
        TableSortSpec.Order(
            states,
            sort,
            (s, key) =>
                key switch
                {
                    State => s.Status,
                    Entered => s.EnteredUtc,
                    Duration => s.Duration,
                    _ => s.Host,
                }
        );

    public const string PandaId = "pandaid";
    public const string Attempt = "attempt";
    public const string Status = "status";
    public const string Modified = "modified";
    public const string Relation = "relation";

    /// <summary>Attempts by PandaID, the first attempt first.</summary>
    public static readonly TableSortSpec AttemptSort = new(
        [PandaId, Attempt, Status, Modified, Relation],
        new TableSort(PandaId, false),
        Status,
        Relation
    )
    {
        Parameter = "attempts_sortby",
    };

    public static IReadOnlyList<JobAttempt> Attempts(TableSort sort, IEnumerable<JobAttempt> attempts) =>
        TableSortSpec.Order(
            attempts,
            sort,
            (a, key) =>
                key switch
                {
                    PandaId => a.PandaId,
                    Attempt => a.AttemptNr,
                    Status => a.JobStatus,
                    Modified => a.ModificationTime,
                    _ => a.Relation,
                }
        );

    public const string Type = "type";
    public const string File = "lfn";
    public const string Dataset = "dataset";
    public const string Size = "size";

    /// <summary>Files by type as filestable4 lists them.</summary>
    public static readonly TableSortSpec FileSort = new(
        [Type, File, Dataset, Status, Size, Attempt],
        new TableSort(Type, false),
        Type,
        File,
        Dataset,
        Status
    )
    {
        Parameter = "files_sortby",
    };

    public static IReadOnlyList<JobFile> Files(TableSort sort, IEnumerable<JobFile> files, bool redacted) =>
        TableSortSpec.Order(
            files,
            sort,
            (f, key) =>
                key switch
                {
                    Type => f.Type,
                    File => f.Lfn,
                    Dataset => f.Dataset,
                    Status => f.Status,
                    Size => redacted ? null : f.Size,
                    _ => f.AttemptNr,
                }
        );

    public static readonly IReadOnlyList<TableSortSpec> All = [ErrorSort, StateSort, AttemptSort, FileSort];
}
