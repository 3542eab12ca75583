using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// One site's jobs modified in the window, by their current state; its finished and failed jobs per time bin; the
/// codes its failed jobs have most.
/// </summary>
public sealed record SiteStates(string? Site, IReadOnlyDictionary<string, long> Counts)
{
    public long Count(string status) => Counts.GetValueOrDefault(status);

    /// <summary>failed / (finished + failed) of the window, in percent; null without final jobs.</summary>
    public double? FailurePercent =>
        Count(PandaJobStatus.Finished) + Count(PandaJobStatus.Failed) == 0
            ? null
            : 100.0 * Count(PandaJobStatus.Failed) / (Count(PandaJobStatus.Finished) + Count(PandaJobStatus.Failed));

    /// <summary>Failed and finished jobs per bin of the window, oldest first (the sparkline's).</summary>
    public IReadOnlyList<(long Failed, long Finished)> Bins { get; init; } = [];

    /// <summary>The codes most of its failed jobs have, most first.</summary>
    public IReadOnlyList<SiteError> TopErrors { get; init; } = [];
}

/// <summary>A site's failed jobs with one error component:code.</summary>
public sealed record SiteError(string Component, string CodeColumn, int Code, long Jobs)
{
    public string Key => $"{Component}:{Code}";
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
)
{
    /// <summary>The length of one of the sparklines' bins.</summary>
    public TimeSpan BinWidth { get; init; }
}

/// <summary>
/// The overview's three statements, run in parallel: site states, the day's top errors, stalled jobs.
/// </summary>
public sealed class OverviewRepository(
    PandaDatabase panda,
    JobSqlBuilder sql,
    JobRepository jobs,
    JobListOptions options
)
{
    public const int TopErrorCount = 10;
    public const int StalledShown = 20;
    public const int SiteErrorsShown = 3;

    /// <summary>
    /// The sparkline's bins: hours up to a day (12 bins below 12 h), two-hour bins beyond; at most 24.
    /// </summary>
    public static int BinCount(TimeSpan window) =>
        window.TotalHours <= 12 ? 12 : (int)Math.Clamp(Math.Ceiling(window.TotalHours / 2), 12, 24);

    public async Task<OverviewSnapshot> GetAsync(
        ViewerAccess viewer,
        DateTime fromUtc,
        DateTime toUtc,
        DateTime nowUtc,
        CancellationToken cancellationToken
    )
    {
        var window = JobQuery.Between(fromUtc, toUtc, options.DefaultDisplayLimit);
        var bins = BinCount(toUtc - fromUtc);
        var sites = ReadSitesAsync(window, viewer, fromUtc, toUtc, bins, cancellationToken);
        var siteErrors = panda.ReadAllAsync(
            sql.SiteErrorsCommand(window, viewer),
            r =>
                (
                    Site: r.IsDBNull(0) ? null : r.GetString(0),
                    Error: new SiteError(r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt64(4))
                ),
            cancellationToken
        );
        var errors = jobs.ReadErrorsAsync(window, viewer, cancellationToken);
        var stalled = ReadStalledAsync(nowUtc.AddHours(-options.StalledHours), viewer, cancellationToken);
        await Task.WhenAll(sites, siteErrors, errors, stalled);
        var (stalledJobs, total) = await stalled;
        var topBySite = (await siteErrors)
            .GroupBy(e => e.Site)
            .ToDictionary(
                g => g.Key ?? "",
                g =>
                    (IReadOnlyList<SiteError>)
                        g.Select(e => e.Error)
                            .OrderByDescending(e => e.Jobs)
                            .ThenBy(e => e.Key, StringComparer.Ordinal)
                            .Take(SiteErrorsShown)
                            .ToList()
            );
        return new OverviewSnapshot(
            toUtc,
            fromUtc,
            (await sites).Select(s => s with { TopErrors = topBySite.GetValueOrDefault(s.Site ?? "", []) }).ToList(),
            (await errors).Take(TopErrorCount).ToList(),
            stalledJobs,
            total,
            options.StalledHours
        )
        {
            BinWidth = (toUtc - fromUtc) / bins,
        };
    }

    private async Task<IReadOnlyList<SiteStates>> ReadSitesAsync(
        JobQuery window,
        ViewerAccess viewer,
        DateTime fromUtc,
        DateTime toUtc,
        int bins,
        CancellationToken cancellationToken
    )
    {
        var rows = await panda.ReadAllAsync(
            sql.SiteStatesCommand(window, viewer, fromUtc, toUtc, bins),
            r =>
                (
                    Site: r.IsDBNull(0) ? null : r.GetString(0),
                    Status: r.GetString(1),
                    Bin: r.IsDBNull(2) ? 0 : r.GetInt32(2),
                    Count: r.GetInt64(3)
                ),
            cancellationToken
        );
        return rows.GroupBy(r => r.Site)
            .Select(g => new SiteStates(
                g.Key,
                g.GroupBy(r => r.Status).ToDictionary(s => s.Key, s => s.Sum(r => r.Count))
            )
            {
                Bins = Enumerable
                    .Range(1, bins)
                    .Select(b =>
                        (
                            g.Where(r => r.Bin == b && r.Status == PandaJobStatus.Failed).Sum(r => r.Count),
                            g.Where(r => r.Bin == b && r.Status == PandaJobStatus.Finished).Sum(r => r.Count)
                        )
                    )
                    .ToList(),
            })
            .OrderBy(s => s.Site, StringComparer.Ordinal)
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
