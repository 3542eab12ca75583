using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// The orders of /memory's three tables, each in a parameter of its own (groups_sortby=, overrequest_sortby=,
/// leaks_sortby=); the page and its CSVs list the rows in the same order.
/// </summary>
public static class MemoryTableOrders
{
    public const string Group = "group";
    public const string Jobs = "jobs";
    public const string P50 = "p50";
    public const string P95 = "p95";
    public const string Max = "max";
    public const string Request = "request";
    public const string OverRequest = "overrequest";

    /// <summary>Groups as the report gives them: the most jobs first.</summary>
    public static readonly TableSortSpec GroupSort = new(
        [Group, Jobs, P50, P95, Max, Request, OverRequest],
        new TableSort(Jobs, true),
        Group
    )
    {
        Parameter = "groups_sortby",
    };

    public static IReadOnlyList<PssHistogram> Groups(TableSort sort, IEnumerable<PssHistogram> groups) =>
        TableSortSpec.Order(
            groups,
            sort,
            (h, key) =>
                key switch
                {
                    Group => h.Group,
                    Jobs => h.Jobs,
                    P50 => h.P50Gb,
                    P95 => h.P95Gb,
                    Max => h.MaxGb,
                    Request => h.MeanRequestGb,
                    _ => h.OverRequest,
                }
        );

    public const string PandaId = "pandaid";
    public const string Task = "jeditaskid";
    public const string Site = "computingsite";
    public const string Transformation = "transformation";
    public const string Status = "jobstatus";
    public const string Cores = "cores";
    public const string Pss = "pss";
    public const string Ratio = "ratio";
    public const string Archived = "archived";

    /// <summary>Jobs over their request, the furthest over first.</summary>
    public static readonly TableSortSpec OverRequestSort = new(
        [PandaId, Task, Site, Transformation, Status, Cores, Pss, Request, Ratio, Archived],
        new TableSort(Ratio, true),
        Site,
        Transformation,
        Status
    )
    {
        Parameter = "overrequest_sortby",
    };

    public static IReadOnlyList<OverRequestJob> OverRequestJobs(TableSort sort, IEnumerable<OverRequestJob> jobs) =>
        TableSortSpec.Order(
            jobs,
            sort,
            (j, key) =>
                key switch
                {
                    PandaId => j.PandaId,
                    Task => j.JediTaskId,
                    Site => j.ComputingSite,
                    Transformation => j.Transformation,
                    Status => j.JobStatus,
                    Cores => j.Cores,
                    Pss => j.PssPerCoreGb,
                    Request => j.RequestPerCoreGb,
                    Ratio => j.Ratio,
                    _ => j.ModificationTime,
                }
        );

    public const string LeakingJobs = "jobs";
    public const string MeanLeak = "meanleak";
    public const string MaxLeak = "maxleak";
    public const string Sites = "sites";

    /// <summary>Leak suspects as the report gives them.</summary>
    public static readonly TableSortSpec LeakSort = new(
        [Task, LeakingJobs, MeanLeak, MaxLeak, Transformation, Sites],
        new TableSort(LeakingJobs, true),
        Transformation,
        Sites
    )
    {
        Parameter = "leaks_sortby",
    };

    public static IReadOnlyList<LeakSuspectTask> Leaks(TableSort sort, IEnumerable<LeakSuspectTask> tasks) =>
        TableSortSpec.Order(
            tasks,
            sort,
            (t, key) =>
                key switch
                {
                    Task => t.JediTaskId,
                    LeakingJobs => t.Jobs,
                    MeanLeak => t.MeanLeakKbPerSecond,
                    MaxLeak => t.MaxLeakKbPerSecond,
                    Transformation => t.Transformation,
                    _ => t.Sites,
                }
        );

    public static readonly IReadOnlyList<TableSortSpec> All = [GroupSort, OverRequestSort, LeakSort];
}
