using System.Globalization;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// /sites and /site/{name}: ended jobs of the exact window (<see cref="SiteEndedJobs"/>) and delivered cores from the
/// rollups; what runs and waits now from PanDA's small live tables (jobsactive4, jobsdefined4) and the queue
/// attributes from schedconfig_json.
/// </summary>
public sealed class SiteRepository(
    MonitorDatabase monitor,
    PandaDatabase panda,
    IOptions<MonitorStoreOptions> store,
    IOptions<PandaOptions> pandaOptions,
    BlindDataPolicy blind,
    UsageStatusReader status,
    PandaSchema tables,
    SiteEndedJobs endedJobs
)
{
    private static readonly IReadOnlyList<(UsageDimension, string)> NoFilters = [];

    private string Schema => store.Value.Schema;

    private string Panda => pandaOptions.Value.Schema;

    public async Task<SitesReport> GetSitesAsync(
        SiteWindow window,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        // Independent statements on separate connections: the page waits for the slowest, not the sum.
        var liveTask = LiveAsync(null, viewer, cancellationToken);
        var queuesTask = QueuesAsync(null, cancellationToken);
        var rollupStatus = await status.GetAsync(cancellationToken);
        var ended = await endedJobs.ReadAsync(
            window,
            rollupStatus,
            NoFilters,
            viewer,
            "computingsite",
            r => r.GetString(0),
            cancellationToken
        );
        var (live, queues) = (await liveTask, await queuesTask);
        var names = ended
            .Keys.Concat(live.Keys)
            .Concat(queues.Keys)
            .Where(n => n.Length > 0)
            .Distinct()
            .Order(StringComparer.Ordinal);
        var pattern = window.SiteFilter is { } filter ? TextPattern.Parse(filter) : null;
        var sites = names
            .Where(n => pattern?.Matches(n) != false)
            .Select(n => Row(n, queues, live, ended.GetValueOrDefault(n)))
            .ToList();
        return new SitesReport(window, sites, rollupStatus);
    }

    public async Task<SiteReport> GetSiteAsync(
        string computingSite,
        SiteWindow window,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var liveTask = LiveAsync(computingSite, viewer, cancellationToken);
        var queuesTask = QueuesAsync(computingSite, cancellationToken);
        var runningTask = RunningNowByHourAsync(computingSite, window, viewer, cancellationToken);
        var firstHour = UsageAggregator.HourFloor(window.From);
        var coresWhere = UsageSql.Where(
            firstHour,
            window.To,
            [(UsageDimensions.ComputingSite, computingSite)],
            viewer,
            "run_hour"
        );
        var coresCommand = coresWhere.Command(
            $"SELECT run_hour, sum(core_seconds) FROM {Schema}.site_cores_hourly WHERE {coresWhere.Sql} GROUP "
                + $"BY run_hour"
        );
        var coresTask = monitor.ReadAllAsync(
            coresCommand,
            r => (Hour: r.GetDateTime(0), Seconds: (double)r.GetDecimal(1)),
            cancellationToken
        );

        // One read of the site's hours gives both the chart and the window's totals.
        var rollupStatus = await status.GetAsync(cancellationToken);
        var endedByHour = await endedJobs.ReadAsync(
            window,
            rollupStatus,
            [(UsageDimensions.ComputingSite, computingSite)],
            viewer,
            "hour",
            r => r.GetDateTime(0),
            cancellationToken
        );

        var coreSeconds = (await coresTask).ToDictionary(c => c.Hour, c => c.Seconds);
        foreach (var (hour, seconds) in await runningTask)
        {
            coreSeconds[hour] = coreSeconds.GetValueOrDefault(hour) + seconds;
        }

        var hours = new List<SiteHour>();
        for (var hour = firstHour; hour < window.AsOf; hour = hour.AddHours(1))
        {
            // The window's first and last hours are parts of hours: the mean is over the part in the window.
            var span = (Min(window.AsOf, hour.AddHours(1)) - Max(window.From, hour)).TotalSeconds;
            var e = endedByHour.GetValueOrDefault(hour) ?? UsageTotals.Zero;
            hours.Add(
                new SiteHour(
                    hour,
                    e.Finished,
                    e.Failed,
                    e.Jobs - e.Finished - e.Failed,
                    coreSeconds.GetValueOrDefault(hour) / span
                )
            );
        }

        var (live, queues) = (await liveTask, await queuesTask);
        var site =
            endedByHour.Count + live.Count + queues.Count == 0
                ? null
                : Row(computingSite, queues, live, endedByHour.Count == 0 ? null : UsageSql.Sum(endedByHour.Values));
        return new SiteReport(window, site, hours, rollupStatus);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static SiteRow Row(
        string name,
        Dictionary<string, QueueAttributes> queues,
        Dictionary<string, (long Running, long Cores, long Queued)> live,
        UsageTotals? ended
    )
    {
        var q = queues.GetValueOrDefault(name);
        var l = live.GetValueOrDefault(name);
        return new SiteRow(
            name,
            q?.Status,
            q?.Cloud,
            q?.CoreCount,
            q?.CorePower,
            q?.MaxRss,
            q?.MaxTime,
            l.Running,
            l.Cores,
            l.Queued,
            ended ?? UsageTotals.Zero
        );
    }

    /// <summary>WITH blind_tasks, when this viewer's statements must leave blind jobs out; otherwise nothing.</summary>
    private string BlindCte(ViewerAccess viewer) =>
        viewer.ExcludesBlindJobs ? "WITH " + blind.BlindTasksCte("@patterns") + " " : "";

    private static string NotBlind(ViewerAccess viewer) =>
        viewer.ExcludesBlindJobs ? " AND NOT " + BlindDataPolicy.JobIsBlindSql("t", "@patterns") : "";

    private async Task<Dictionary<string, (long Running, long Cores, long Queued)>> LiveAsync(
        string? site,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var siteCondition = site is null ? "" : " AND t.computingsite = @site";
        var jobs = string.Join(
            " UNION ALL ",
            new[] { "jobsactive4", "jobsdefined4" }.Select(table =>
                $"SELECT t.computingsite, t.jobstatus, greatest(coalesce(nullif(t.actualcorecount, 0), "
                + $"nullif(t.corecount, 0), 1), 1) AS cores "
                + $"FROM {Panda}.{table} t WHERE true{siteCondition}{NotBlind(viewer)}"
            )
        );
        var command = SqlParameterBag.Command(
            $"{BlindCte(viewer)}SELECT coalesce(computingsite, ''), count(*) FILTER (WHERE jobstatus = "
                + $"'running'), coalesce(sum(cores) FILTER (WHERE jobstatus = 'running'), 0)::bigint, "
                + $"count(*) FILTER (WHERE jobstatus IN ('defined', 'assigned', 'activated', 'starting')) FROM "
                + $"({jobs}) live GROUP BY 1",
            [.. Parameters(site, viewer)]
        );
        return (
            await panda.ReadAllAsync(
                command,
                r => (Site: r.GetString(0), Running: r.GetInt64(1), Cores: r.GetInt64(2), Queued: r.GetInt64(3)),
                cancellationToken
            )
        ).ToDictionary(s => s.Site, s => (s.Running, s.Cores, s.Queued));
    }

    /// <summary>
    /// Running jobs' core-seconds so far, per clock hour of the window: the rollups only know ended jobs.
    /// </summary>
    private async Task<List<(DateTime Hour, double Seconds)>> RunningNowByHourAsync(
        string site,
        SiteWindow window,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var command = SqlParameterBag.Command(
            $"{BlindCte(viewer)}SELECT h, sum(extract(epoch FROM least(@asof, h + interval '1 hour') - "
                + $"greatest(t.starttime, h)) * "
                + "greatest(coalesce(nullif(t.actualcorecount, 0), nullif(t.corecount, 0), 1), 1))::float8 "
                + $"FROM {Panda}.jobsactive4 t CROSS JOIN LATERAL generate_series(date_trunc('hour', "
                + $"greatest(t.starttime, @from)), @asof, interval '1 hour') AS h "
                + $"WHERE t.computingsite = @site AND t.jobstatus = 'running' AND t.starttime > timestamp "
                + $"'1970-01-02' AND t.starttime < @asof AND h < @asof{NotBlind(viewer)} GROUP BY h",
            [.. Parameters(site, viewer), ("from", window.From), ("asof", window.AsOf)]
        );
        return await panda.ReadAllAsync(command, r => (r.GetDateTime(0), r.GetDouble(1)), cancellationToken);
    }

    private IEnumerable<(string Name, object? Value)> Parameters(string? site, ViewerAccess viewer)
    {
        if (site is not null)
        {
            yield return ("site", site);
        }

        if (viewer.ExcludesBlindJobs)
        {
            yield return ("patterns", blind.DatasetNamePatterns);
        }
    }

    private async Task<Dictionary<string, QueueAttributes>> QueuesAsync(
        string? site,
        CancellationToken cancellationToken
    )
    {
        if (!tables.Has(PandaTable.SchedConfig))
        {
            return [];
        }

        var command = SqlParameterBag.Command(
            "SELECT panda_queue, data->>'status', data->>'cloud', data->>'corecount', data->>'corepower', "
                + "data->>'maxrss', data->>'maxtime' "
                + $"FROM {Panda}.schedconfig_json"
                + (site is null ? "" : " WHERE panda_queue = @site"),
            ("site", site)
        );

        return (
            await panda.ReadAllAsync(
                command,
                r => new QueueAttributes(
                    r.GetString(0),
                    Text(r, 1),
                    Text(r, 2),
                    (int?)Number(r, 3),
                    Number(r, 4),
                    (long?)Number(r, 5),
                    (long?)Number(r, 6)
                ),
                cancellationToken
            )
        ).ToDictionary(q => q.Queue);
    }

    private static string? Text(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>
    /// schedconfig_json is free-form JSON: a value that is not a number is shown as absent, not as an error.
    /// </summary>
    private static double? Number(System.Data.Common.DbDataReader r, int i) =>
        r.IsDBNull(i)
        || !double.TryParse(r.GetString(i), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? null
            : value;

    private sealed record QueueAttributes(
        string Queue,
        string? Status,
        string? Cloud,
        int? CoreCount,
        double? CorePower,
        long? MaxRss,
        long? MaxTime
    );
}
