using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>
/// A site whose jobs that ended in the window (finished + failed) number at least MinJobs and fail more often than
/// ThresholdPercent. The link opens exactly those failed jobs.
/// </summary>
public sealed class SiteFailureRateRule(AlertOptions options, PandaDatabase panda, AlertSql sql)
    : AlertRule<SiteFailureRateRuleOptions>(options.Rules.SiteFailureRate)
{
    public const int ErrorsNamed = 3;

    public override string Name => "SiteFailureRate";

    public override string Condition =>
        $"at least {Settings.MinJobs} jobs ended at a site in {Settings.Window} and more than "
        + $"{Settings.ThresholdPercent.ToString("0.#", Invariant)} % of them failed";

    public override async Task<IReadOnlyList<AlertSample>> EvaluateAsync(
        AlertContext context,
        CancellationToken cancellationToken
    )
    {
        var to = context.WindowEndUtc;
        var from = to - AlertDuration.Parse(Settings.Window);
        var ended = await SiteStates.ReadAsync(panda, sql, from, to, cancellationToken);
        var failing = ended
            .Where(s => s.Ended >= Settings.MinJobs && s.FailurePercent > Settings.ThresholdPercent)
            .ToList();
        if (failing.Count == 0)
        {
            return [];
        }

        var errors = await SiteErrorCounts.ReadAsync(panda, sql, from, to, cancellationToken);
        return failing
            .Select(site =>
            {
                var top = errors.Where(e => e.Site == site.Site).Take(ErrorsNamed).ToList();
                var named =
                    top.Count == 0
                        ? "No error code is set on them."
                        : "Top errors: " + string.Join(", ", top.Select(e => $"{e.Key} ({Count(e.Jobs)})")) + ".";
                var link = JobsLink(
                    context,
                    new JobLink
                    {
                        Window = LinkWindow.Between(from, to),
                        ComputingSite = site.Site,
                        JobStatus = PandaJobStatus.Failed,
                    }
                );
                return Sample(
                    [(AlertLabels.ComputingSite, site.Site)],
                    $"{site.Site}: {site.FailurePercent.ToString("0", Invariant)} % of {Count(site.Ended)} jobs "
                        + $"that ended in {Settings.Window} failed",
                    $"{Count(site.Failed)} failed and {Count(site.Finished)} finished between {Minutes(from)} and "
                        + $"{Minutes(to)} UTC. {named}",
                    link,
                    Math.Round(site.FailurePercent, 1)
                );
            })
            .ToList();
    }
}

/// <summary>One site's jobs that ended in a window.</summary>
public sealed record SiteStates(string Site, long Finished, long Failed)
{
    public long Ended => Finished + Failed;

    public double FailurePercent => Ended == 0 ? 0 : 100.0 * Failed / Ended;

    /// <summary>Per site (jobs without one are not a site's), finished and failed of [from, to).</summary>
    public static async Task<IReadOnlyList<SiteStates>> ReadAsync(
        PandaDatabase panda,
        AlertSql sql,
        DateTime fromUtc,
        DateTime toUtc,
        CancellationToken cancellationToken
    )
    {
        var rows = await panda.ReadAllAsync(
            sql.EndedJobsCommand(fromUtc, toUtc, "computingsite"),
            r => (Site: r.IsDBNull(0) ? null : r.GetString(0), Status: r.GetString(1), Jobs: r.GetInt64(2)),
            cancellationToken
        );
        return rows.Where(r => r.Site is not null)
            .GroupBy(r => r.Site!, StringComparer.Ordinal)
            .Select(g => new SiteStates(
                g.Key,
                g.Where(r => r.Status == PandaJobStatus.Finished).Sum(r => r.Jobs),
                g.Where(r => r.Status == PandaJobStatus.Failed).Sum(r => r.Jobs)
            ))
            .OrderBy(s => s.Site, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A site's failed jobs with one error component:code in a window.</summary>
public sealed record SiteErrorCount(string Site, string Component, string CodeColumn, int Code, long Jobs)
{
    public string Key => $"{Component}:{Code}";
}

public static class SiteErrorCounts
{
    /// <summary>Per site and code, most jobs first (then by code, so equal counts keep one order).</summary>
    public static async Task<IReadOnlyList<SiteErrorCount>> ReadAsync(
        PandaDatabase panda,
        AlertSql sql,
        DateTime fromUtc,
        DateTime toUtc,
        CancellationToken cancellationToken
    )
    {
        var rows = await panda.ReadAllAsync(
            sql.SiteErrorsCommand(fromUtc, toUtc),
            r =>
                r.IsDBNull(0)
                    ? null
                    : new SiteErrorCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt64(4)),
            cancellationToken
        );
        return rows.OfType<SiteErrorCount>()
            .OrderByDescending(e => e.Jobs)
            .ThenBy(e => e.Site, StringComparer.Ordinal)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
    }
}
