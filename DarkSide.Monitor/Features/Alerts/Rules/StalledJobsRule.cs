using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>At least MinJobs working jobs at one site with no state change for JobList:StalledHours.</summary>
public sealed class StalledJobsRule(AlertOptions options, JobListOptions jobList, PandaDatabase panda, AlertSql sql)
    : AlertRule<StalledJobsRuleOptions>(options.Rules.StalledJobs)
{
    public override string Name => "StalledJobs";

    public override string Condition =>
        $"at least {Settings.MinJobs} jobs at a site in {string.Join("/", PandaJobStatus.Working)} with no state "
        + $"change for {jobList.StalledHours} h (JobList:StalledHours)";

    public override async Task<IReadOnlyList<AlertSample>> EvaluateAsync(
        AlertContext context,
        CancellationToken cancellationToken
    )
    {
        var before = context.NowUtc.AddHours(-jobList.StalledHours);
        var sites = await panda.ReadAllAsync(
            sql.StalledJobsCommand(before),
            r => (Site: r.IsDBNull(0) ? null : r.GetString(0), Jobs: r.GetInt64(1), Oldest: r.GetDateTime(2)),
            cancellationToken
        );
        return sites
            .Where(s => s.Site is not null && s.Jobs >= Settings.MinJobs)
            .OrderBy(s => s.Site, StringComparer.Ordinal)
            .Select(s =>
                Sample(
                    [(AlertLabels.ComputingSite, s.Site!)],
                    $"{s.Site}: {Count(s.Jobs)} jobs without a state change for {jobList.StalledHours} h",
                    $"{Count(s.Jobs)} working jobs at {s.Site} have not changed state since before "
                        + $"{Minutes(before)} UTC; the oldest since {Minutes(s.Oldest)} UTC.",
                    JobsLink(
                        context,
                        new JobLink { ComputingSite = s.Site, JobStatus = string.Join("|", PandaJobStatus.Working) }
                    ),
                    s.Jobs
                )
            )
            .ToList();
    }
}
