using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>One site's jobs modified in the last 24 hours, by their current state.</summary>
public sealed record SiteStates(string? Site, IReadOnlyDictionary<string, long> Counts)
{
    public long Count(string status) => Counts.GetValueOrDefault(status);

    /// <summary>failed / (finished + failed) of the last day, in percent; null without final jobs.</summary>
    public double? FailurePercent =>
        Count("finished") + Count("failed") == 0
            ? null
            : 100.0 * Count("failed") / (Count("finished") + Count("failed"));
}

public sealed record StalledJob(
    long PandaId,
    string JobStatus,
    string? Site,
    string? User,
    long? JediTaskId,
    DateTime StateChangeTime
);

/// <summary>
/// The overview as of one instant; its counts are of the window <see cref="FromUtc"/> – <see cref="AsOfUtc"/>.
/// </summary>
public sealed record OverviewSnapshot(
    DateTime AsOfUtc,
    DateTime FromUtc,
    IReadOnlyList<SiteStates> Sites,
    IReadOnlyList<JobErrorCount> TopErrors,
    IReadOnlyList<StalledJob> Stalled,
    long StalledTotal,
    int StalledHours
);

/// <summary>
/// The overview's three statements, run in parallel: site states, the day's top errors, stalled jobs.
/// </summary>
public sealed class OverviewRepository(
    PandaDatabase panda,
    JobSqlBuilder sql,
    JobRepository jobs,
    JobListOptions options,
    OverviewOptions overview
)
{
    public const int TopErrorCount = 10;
    public const int StalledShown = 20;

    public async Task<OverviewSnapshot> GetAsync(
        ViewerAccess viewer,
        DateTime nowUtc,
        CancellationToken cancellationToken
    )
    {
        // The window is pinned in whole seconds, so the links built from it select exactly the jobs counted here.
        var asOf = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var day = JobQuery.Between(asOf.AddHours(-24), asOf, options.DefaultDisplayLimit);
        var sites = ReadSitesAsync(day, viewer, cancellationToken);
        var errors = jobs.ReadErrorsAsync(day, viewer, cancellationToken);
        var stalled = ReadStalledAsync(nowUtc.AddHours(-overview.StalledHours), viewer, cancellationToken);
        await Task.WhenAll(sites, errors, stalled);
        var (stalledJobs, total) = await stalled;
        return new OverviewSnapshot(
            asOf,
            day.Window.FromUtc!.Value,
            await sites,
            (await errors).Take(TopErrorCount).ToList(),
            stalledJobs,
            total,
            overview.StalledHours
        );
    }

    private async Task<IReadOnlyList<SiteStates>> ReadSitesAsync(
        JobQuery day,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var rows = await panda.ReadAllAsync(
            sql.SiteStatesCommand(day, viewer),
            r => (Site: r.IsDBNull(0) ? null : r.GetString(0), Status: r.GetString(1), Count: r.GetInt64(2)),
            cancellationToken
        );
        return rows.GroupBy(r => r.Site)
            .Select(g => new SiteStates(g.Key, g.ToDictionary(r => r.Status, r => r.Count)))
            .OrderByDescending(s => s.Counts.Values.Sum())
            .ThenBy(s => s.Site, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<(IReadOnlyList<StalledJob>, long)> ReadStalledAsync(
        DateTime beforeUtc,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var rows = await panda.ReadAllAsync(
            sql.StalledJobsCommand(beforeUtc, StalledShown, viewer),
            r =>
                (
                    Job: new StalledJob(
                        r.GetInt64(0),
                        r.GetString(1),
                        r.IsDBNull(2) ? null : r.GetString(2),
                        r.IsDBNull(3) ? null : r.GetString(3),
                        r.IsDBNull(4) ? null : r.GetInt64(4),
                        r.GetDateTime(5)
                    ),
                    Total: r.GetInt64(6)
                ),
            cancellationToken
        );
        return (rows.Select(r => r.Job).ToList(), rows.Count == 0 ? 0 : rows[0].Total);
    }
}
