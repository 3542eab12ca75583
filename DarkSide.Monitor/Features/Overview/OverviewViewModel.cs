using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// The overview's state and links. Every number opens the job list of exactly the jobs it counts: the links carry the
/// snapshot's window as date_from/date_to.
/// </summary>
public sealed class OverviewViewModel
{
    /// <summary>The states shown as columns, working ones first, in PanDA's lifecycle order.</summary>
    public static readonly IReadOnlyList<string> States =
    [
        "defined",
        "waiting",
        "activated",
        "sent",
        "starting",
        "running",
        "holding",
        "transferring",
        "merging",
        "finished",
        "failed",
        "cancelled",
        "closed",
    ];

    public OverviewSnapshot? Snapshot { get; private set; }

    public DateTime? UpdatedUtc { get; private set; }

    public string? Problem { get; private set; }

    public void Apply(LiveState<OverviewSnapshot> state)
    {
        Problem = state.Problem;
        if (state.Value is { } snapshot)
        {
            Snapshot = snapshot;
            UpdatedUtc = state.UpdatedUtc;
        }
    }

    /// <summary>The states any site has, so empty columns stay out.</summary>
    public IReadOnlyList<string> ShownStates =>
        Snapshot is null ? [] : States.Where(s => Snapshot.Sites.Any(site => site.Count(s) > 0)).ToList();

    public string UpdatedText =>
        UpdatedUtc is { } updated
            ? "updated " + updated.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "";

    private IEnumerable<KeyValuePair<string, string>> Window =>
        [new(UrlParameter.DateFrom, Snapshot!.From), new(UrlParameter.DateTo, Snapshot.To)];

    public string SiteUrl(string? site, string? status) =>
        MonitorUrls.Jobs(
            Window
                .Append(new(UrlParameter.ComputingSite, site ?? DarkSide.Monitor.Panda.Query.TextPattern.NotSpecified))
                .Concat(status is null ? [] : [new KeyValuePair<string, string>(UrlParameter.JobStatus, status)])
        );

    public string ErrorUrl(JobErrorCount error) =>
        MonitorUrls.Jobs(
            Window
                .Append(new(error.CodeColumn, error.Code.ToString(CultureInfo.InvariantCulture)))
                .Append(new(UrlParameter.JobStatus, "failed"))
        );

    public string ErrorsUrl => MonitorUrls.Errors(Window);

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public string StalledSince(StalledJob job) =>
        JobTiming.FormatDhms((Snapshot?.AsOfUtc ?? job.StateChangeTime) - job.StateChangeTime);
}
