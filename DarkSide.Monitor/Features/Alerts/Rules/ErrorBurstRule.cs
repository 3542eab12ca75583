using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Features.Alerts.Rules;

/// <summary>One error code on at least MinJobs failed jobs of one site in the window.</summary>
public sealed class ErrorBurstRule(AlertOptions options, PandaDatabase panda, AlertSql sql)
    : AlertRule<ErrorBurstRuleOptions>(options.Rules.ErrorBurst)
{
    public override string Name => "ErrorBurst";

    public override string Condition =>
        $"at least {Settings.MinJobs} jobs failed at a site with one error code in {Settings.Window}";

    public override async Task<IReadOnlyList<AlertSample>> EvaluateAsync(
        AlertContext context,
        CancellationToken cancellationToken
    )
    {
        var to = context.WindowEndUtc;
        var from = to - AlertDuration.Parse(Settings.Window);
        var errors = await SiteErrorCounts.ReadAsync(panda, sql, from, to, cancellationToken);
        return errors
            .Where(e => e.Jobs >= Settings.MinJobs)
            .Select(e =>
                Sample(
                    [(AlertLabels.ComputingSite, e.Site), (AlertLabels.Error, e.Key)],
                    $"{e.Site}: {Count(e.Jobs)} jobs failed with {e.Key} in {Settings.Window}",
                    $"{Count(e.Jobs)} jobs at {e.Site} failed with {e.Key} between {Minutes(from)} and {Minutes(to)} "
                        + "UTC.",
                    JobsLink(
                        context,
                        new JobLink
                        {
                            Window = LinkWindow.Between(from, to),
                            ComputingSite = e.Site,
                            Error = (e.CodeColumn, e.Code),
                            JobStatus = PandaJobStatus.Failed,
                        }
                    ),
                    e.Jobs
                )
            )
            .ToList();
    }
}
