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
    public static readonly SortColumns<PssHistogram> GroupColumns = new(
        "groups_sortby",
        new TableSort(Jobs, true),
        new(Group, h => h.Group, IsName: true),
        new(Jobs, h => h.Jobs),
        new(P50, h => h.P50Gb),
        new(P95, h => h.P95Gb),
        new(Max, h => h.MaxGb),
        new(Request, h => h.MeanRequestGb),
        new(OverRequest, h => h.OverRequest)
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
    public static readonly SortColumns<OverRequestJob> OverRequestColumns = new(
        "overrequest_sortby",
        new TableSort(Ratio, true),
        new(PandaId, j => j.PandaId),
        new(Task, j => j.JediTaskId),
        new(Site, j => j.ComputingSite, IsName: true),
        new(Transformation, j => j.Transformation, IsName: true),
        new(Status, j => j.JobStatus, IsName: true),
        new(Cores, j => j.Cores),
        new(Pss, j => j.PssPerCoreGb),
        new(Request, j => j.RequestPerCoreGb),
        new(Ratio, j => j.Ratio),
        new(Archived, j => j.ModificationTime)
    );

    public const string LeakingJobs = "jobs";
    public const string MeanLeak = "meanleak";
    public const string MaxLeak = "maxleak";
    public const string Sites = "sites";

    /// <summary>Leak suspects as the report gives them.</summary>
    public static readonly SortColumns<LeakSuspectTask> LeakColumns = new(
        "leaks_sortby",
        new TableSort(LeakingJobs, true),
        new(Task, t => t.JediTaskId),
        new(LeakingJobs, t => t.Jobs),
        new(MeanLeak, t => t.MeanLeakKbPerSecond),
        new(MaxLeak, t => t.MaxLeakKbPerSecond),
        new(Transformation, t => t.Transformation, IsName: true),
        new(Sites, t => t.Sites, IsName: true)
    );

    public static readonly IReadOnlyList<TableSortSpec> All =
    [
        GroupColumns.Spec,
        OverRequestColumns.Spec,
        LeakColumns.Spec,
    ];
}
