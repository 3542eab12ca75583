using System.Globalization;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// The coordinator views' tables and chart data as CSV rows: the same numbers the pages show, unrounded.
/// </summary>
public static class UsageCsv
{
    private static readonly string[] MeasureHeader =
    [
        "jobs",
        "finished",
        "failed",
        "failure_percent",
        "core_hours",
        "hs06_hours",
        "cpu_efficiency_percent",
        "failed_core_hours",
        "events",
        "input_gb",
        "output_gb",
    ];

    public static IReadOnlyList<string> UsageTables { get; } =
    ["daily", .. UsageDimensions.Tables.Select(d => d.Parameter)];

    public static IReadOnlyList<string> MemoryTables { get; } = ["histogram", "daily", "overrequest", "leaks"];

    public static IEnumerable<string[]> Usage(UsageReport report, string table)
    {
        if (table == "daily")
        {
            yield return ["day", "computingsite", .. MeasureHeader];
            foreach (var day in report.Days)
            {
                yield return [Day(day.Day), day.ComputingSite, .. Measures(day.Totals)];
            }

            yield break;
        }

        yield return [table, .. MeasureHeader, "core_hours_share_percent"];
        foreach (var group in report.Tables[table])
        {
            yield return [group.Value, .. Measures(group.Totals), Share(group.Totals, report.Total)];
        }

        yield return ["Total", .. Measures(report.Total), "100"];
    }

    /// <summary>A table of /memory, its rows in the page's order for the same URL.</summary>
    public static IEnumerable<string[]> Memory(MemoryReport report, string table, UsageQuery query) =>
        table switch
        {
            "histogram" => MemoryHistogram(report, query.MemorySort(MemoryTableOrders.GroupColumns.Spec)),
            "daily" => MemoryDaily(report),
            "overrequest" => MemoryOverRequest(report, query.MemorySort(MemoryTableOrders.OverRequestColumns.Spec)),
            _ => MemoryLeakSuspects(report, query.MemorySort(MemoryTableOrders.LeakColumns.Spec)),
        };

    private static IEnumerable<string[]> MemoryHistogram(MemoryReport report, TableSort sort)
    {
        yield return
        [
            report.By.Parameter,
            "pss_per_core_gb_from",
            "pss_per_core_gb_to",
            "jobs",
            "mean_request_per_core_gb",
        ];
        foreach (var histogram in MemoryTableOrders.GroupColumns.Apply(sort, report.Histograms))
        {
            for (var i = 0; i < histogram.Buckets.Count; i++)
            {
                var upper = i < UsageBuckets.PssBucketCount - 1 ? UsageFormat.Csv(UsageBuckets.PssLowerGb(i + 1)) : "";
                yield return
                [
                    histogram.Group,
                    UsageFormat.Csv(UsageBuckets.PssLowerGb(i)),
                    upper,
                    Whole(histogram.Buckets[i]),
                    UsageFormat.Csv(histogram.MeanRequestGb),
                ];
            }
        }
    }

    private static IEnumerable<string[]> MemoryDaily(MemoryReport report)
    {
        yield return ["day", "jobs_with_pss", "p50_pss_per_core_gb", "p95_pss_per_core_gb", "max_pss_per_core_gb"];
        foreach (var day in report.Days)
        {
            yield return
            [
                Day(day.Day),
                Whole(day.Jobs),
                UsageFormat.Csv(day.P50Gb),
                UsageFormat.Csv(day.P95Gb),
                UsageFormat.Csv(day.MaxGb),
            ];
        }
    }

    private static IEnumerable<string[]> MemoryOverRequest(MemoryReport report, TableSort sort)
    {
        yield return
        [
            "pandaid",
            "modificationtime",
            "jeditaskid",
            "computingsite",
            "transformation",
            "jobstatus",
            "cores",
            "pss_per_core_gb",
            "request_per_core_gb",
            "ratio",
        ];
        foreach (var job in MemoryTableOrders.OverRequestColumns.Apply(sort, report.OverRequest))
        {
            yield return
            [
                Whole(job.PandaId),
                job.ModificationTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                job.JediTaskId is { } t ? Whole(t) : "",
                job.ComputingSite,
                job.Transformation,
                job.JobStatus,
                Whole(job.Cores),
                UsageFormat.Csv(job.PssPerCoreGb),
                UsageFormat.Csv(job.RequestPerCoreGb),
                UsageFormat.Csv(job.Ratio),
            ];
        }
    }

    private static IEnumerable<string[]> MemoryLeakSuspects(MemoryReport report, TableSort sort)
    {
        yield return
        [
            "jeditaskid",
            "jobs_over_leak_threshold",
            "mean_leak_kb_per_s",
            "max_leak_kb_per_s",
            "transformation",
            "computingsites",
        ];
        foreach (var task in MemoryTableOrders.LeakColumns.Apply(sort, report.LeakSuspects))
        {
            yield return
            [
                Whole(task.JediTaskId),
                Whole(task.Jobs),
                UsageFormat.Csv(task.MeanLeakKbPerSecond),
                Whole(task.MaxLeakKbPerSecond),
                task.Transformation,
                task.Sites,
            ];
        }
    }

    public static IEnumerable<string[]> Sites(SitesReport report)
    {
        yield return
        [
            "computingsite",
            "status",
            "cloud",
            "corecount",
            "corepower",
            "running_jobs",
            "running_cores",
            "queued_jobs",
            .. MeasureHeader,
        ];
        foreach (var site in report.Sites)
        {
            yield return
            [
                site.ComputingSite,
                site.Status ?? "",
                site.Cloud ?? "",
                site.CoreCount?.ToString(CultureInfo.InvariantCulture) ?? "",
                UsageFormat.Csv(site.CorePower),
                Whole(site.RunningJobs),
                Whole(site.RunningCores),
                Whole(site.QueuedJobs),
                .. Measures(site.Window),
            ];
        }
    }

    public static IEnumerable<string[]> Site(SiteReport report)
    {
        yield return ["hour", "finished", "failed", "other_ended", "running_cores"];
        foreach (var hour in report.Hours)
        {
            yield return
            [
                hour.Hour.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Whole(hour.Finished),
                Whole(hour.Failed),
                Whole(hour.OtherEnded),
                UsageFormat.Csv(hour.RunningCores),
            ];
        }
    }

    private static string[] Measures(UsageTotals t) =>
        [
            Whole(t.Jobs),
            Whole(t.Finished),
            Whole(t.Failed),
            UsageFormat.Csv(t.FailurePercent),
            UsageFormat.Csv(t.CoreHours),
            UsageFormat.Csv(t.Hs06Hours),
            UsageFormat.Csv(t.EfficiencyPercent),
            UsageFormat.Csv(t.FailedCoreHours),
            UsageFormat.Csv(t.Events),
            UsageFormat.Csv(t.InputGb),
            UsageFormat.Csv(t.OutputGb),
        ];

    private static string Share(UsageTotals part, UsageTotals total) =>
        total.CoreSeconds == 0 ? "" : UsageFormat.Csv(100m * part.CoreSeconds / total.CoreSeconds);

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
