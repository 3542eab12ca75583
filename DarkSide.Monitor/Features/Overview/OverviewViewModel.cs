using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// The overview's state and links. Every number opens the job list of exactly the jobs it counts: the links carry the
/// snapshot's window as date_from/date_to.
/// </summary>
public sealed class OverviewViewModel
{
    /// <summary>The states shown as columns, working ones first, in PanDA's lifecycle order.</summary>
    public static readonly IReadOnlyList<string> States = PandaJobStatus.Lifecycle;

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

    private JobLink Day => new() { Window = LinkWindow.Between(Snapshot!.FromUtc, Snapshot.AsOfUtc) };

    public string SiteUrl(string? site, string? status) =>
        MonitorUrls.Jobs(Day with { ComputingSite = JobLink.Value(site), JobStatus = status });

    public string ErrorUrl(JobErrorCount error) =>
        MonitorUrls.Jobs(Day with { Error = (error.CodeColumn, error.Code), JobStatus = PandaJobStatus.Failed });

    public string ErrorsUrl => MonitorUrls.Errors(Day);

    /// <summary>One of the overview's tables (sites, errors, stalled) as CSV.</summary>
    public string CsvUrl(string table) =>
        MonitorUrls.With(OverviewExportEndpoints.Path, [new(UrlParameter.Table, table)]);

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public string StalledSince(StalledJob job) =>
        JobTiming.FormatDhms((Snapshot?.AsOfUtc ?? job.StateChangeTime) - job.StateChangeTime);
}
