using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>The orders of the /sites table: by queue name (first), any of its columns, or sortby=failurerate.</summary>
public static class SiteSort
{
    public const string Queue = "queue";

    public static readonly TableSortSpec Spec = new(
        [
            Queue,
            "status",
            "cloud",
            "corecount",
            "corepower",
            "runningcores",
            "running",
            "queued",
            "finished",
            "failed",
            "failurerate",
            "corehours",
        ],
        new TableSort(Queue, false),
        Queue,
        "status",
        "cloud"
    );

    public static IReadOnlyList<SiteRow> Sorted(IEnumerable<SiteRow> sites, TableSort sort) =>
        TableSortSpec.Order(
            sites.OrderBy(s => s.ComputingSite, StringComparer.Ordinal),
            sort,
            (site, key) =>
                key switch
                {
                    Queue => site.ComputingSite,
                    "status" => site.Status,
                    "cloud" => site.Cloud,
                    "corecount" => site.CoreCount,
                    "corepower" => site.CorePower,
                    "runningcores" => site.RunningCores,
                    "running" => site.RunningJobs,
                    "queued" => site.QueuedJobs,
                    "finished" => site.Window.Finished,
                    "failed" => site.Window.Failed,
                    "failurerate" => site.Window.FailurePercent,
                    _ => site.Window.CoreHours,
                }
        );
}
