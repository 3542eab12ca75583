using System.Globalization;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Job;

/// <summary>
/// One job, for the admin following a failure: what went wrong, where, on which attempt, what came before. Live, so a
/// job still running moves on by itself, and a database outage shows the last good data.
/// </summary>
public sealed partial class Job
{
    [Parameter]
    public string? PandaIdText { get; set; }

    [Inject]
    public required JobDetailLive Live { get; init; }

    [Inject]
    public required IAuditRecorder Audit { get; init; }

    private long? _audited;

    private long? PandaId { get; set; }

    private JobDetail? Detail { get; set; }

    private string? Problem { get; set; }

    private string? LiveProblem { get; set; }

    private DateTime? UpdatedUtc { get; set; }

    private DateTime Now { get; set; }

    private string UpdatedText =>
        UpdatedUtc is { } updated
            ? "updated " + updated.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "";

    /// <summary>
    /// Failed jobs with this error over the days around this job's last modification, at its site or at every site:
    /// where an admin following one failure looks next.
    /// </summary>
    private static string SameErrorUrl(JobListRow job, JobErrorDetail error, bool atItsSite) =>
        MonitorUrls.Jobs(
            new JobLink
            {
                Window = LinkWindow.Between(
                    job.ModificationTime.Date.AddDays(-SameErrorDaysBefore),
                    job.ModificationTime.Date.AddDays(1)
                ),
                ComputingSite = atItsSite ? job.ComputingSite : null,
                Error = (error.CodeColumn, error.Code),
                JobStatus = PandaJobStatus.Failed,
            }
        );

    private const int SameErrorDaysBefore = 6;

    /// <summary>The orders of the page's tables, by <see cref="TableSortSpec.Parameter"/>.</summary>
    private Dictionary<string, TableOrder> Orders { get; set; } = [];

    private TableOrder Order(TableSortSpec spec) =>
        Orders.TryGetValue(spec.Parameter, out var order) ? order : TableOrder.Default(spec, "/job");

    private TableOrder ErrorOrder => Order(JobPageTables.ErrorColumns.Spec);

    private TableOrder StateOrder => Order(JobPageTables.StateColumns.Spec);

    private TableOrder AttemptOrder => Order(JobPageTables.AttemptColumns.Spec);

    private TableOrder FileOrder => Order(JobPageTables.FileColumns.Spec);

    protected override bool ReadLocation(string uri)
    {
        var url = UrlQuery.FromUri(uri);
        var sortErrors = new List<ParameterError>();
        Orders = JobPageTables.All.ToDictionary(s => s.Parameter, s => TableOrder.Read(s, url, sortErrors));
        var text = url.IdFromPathOr(UrlParameter.PandaId);
        var shown = PandaId;
        LiveProblem = null;
        PandaId = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pandaId)
            ? pandaId
            : null;
        if (PandaId != shown)
        {
            // Another job; another order of this one's tables keeps what is shown while it re-sorts.
            Detail = null;
        }

        Problem =
            PandaId is not null ? null
            : text is null ? "No job given; open /job/<PandaID>, e.g. from the job list."
            : $"'{text}' is not a PandaID; expected a whole number such as 6100000042.";
        if (Problem is null && sortErrors.Count > 0)
        {
            Problem = string.Join(" ", sortErrors.Select(e => e.ToString()));
        }

        return Problem is null;
    }

    protected override IDisposable Subscribe(Func<LiveState<JobPageSnapshot>, Task> onUpdate) =>
        Live.Subscribe(PandaId!.Value, Viewer, onUpdate);

    protected override void Apply(LiveState<JobPageSnapshot> state)
    {
        LiveProblem = state.Problem;
        if (state.Value is { } snapshot)
        {
            Detail = snapshot.Detail;
            Now = snapshot.AsOfUtc;
            UpdatedUtc = state.UpdatedUtc;
            RecordBlindView(snapshot.Detail);
            Problem = snapshot.Detail is null
                ? $"No job with PandaID {snapshot.PandaId} in PanDA's job tables (defined, waiting, active, "
                    + $"archived, or the archive)."
                : null;
        }
    }

    /// <summary>Once per job shown: a blind job's details reached a viewer unredacted.</summary>
    private void RecordBlindView(JobDetail? detail)
    {
        if (detail is { Job: { IsBlind: true, IsRedacted: false } job } && _audited != job.PandaId)
        {
            _audited = job.PandaId;
            _ = Audit.RecordAsync(
                new AuditEvent(
                    Viewer.Name,
                    Viewer.Subject,
                    AuditActions.BlindView,
                    "/job/" + job.PandaId,
                    "job page",
                    Connection.RemoteAddress
                ),
                CancellationToken.None
            );
        }
    }

    /// <summary>
    /// BigPanDA's top-table datasets: In = proddblock, Out = destinationdblock, "-" when PanDA has none.
    /// </summary>
    private static string DatasetsText(JobListRow job) =>
        job.IsRedacted ? "blinded"
        : job.ProdDBlock is null && job.DestinationDBlock is null ? "-"
        : $"In: {job.ProdDBlock ?? "-"} Out: {job.DestinationDBlock ?? "-"}";

    private string? Field(string name) => Detail?.Fields.FirstOrDefault(f => f.Name == name)?.Value;

    private long? Long(string name) =>
        long.TryParse(Field(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private string Bytes(string name) =>
        Detail?.Fields.FirstOrDefault(f => f.Name == name) is { Redacted: true } ? "blinded" : ByteSize(Long(name));

    private string Kb(string name) =>
        Detail?.Fields.FirstOrDefault(f => f.Name == name) is { Redacted: true }
            ? "blinded"
            : ByteSize(Long(name) * 1024);

    private static string Gb(long? kb) =>
        kb is { } v and > 0 ? (v / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " GB" : "";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A value the pilot may not have reported: the value, or "not reported".</summary>
    private static string Reported(string? value) => string.IsNullOrEmpty(value) ? NotReported : value;

    /// <summary>"a / b" with "—" for a missing one; "not reported" when both are.</summary>
    private static string Pair(string a, string b) =>
        a.Length == 0 && b.Length == 0 ? NotReported : OrDash(a) + " / " + OrDash(b);

    private static string OrDash(string value) => value.Length == 0 ? "—" : value;

    private const string NotReported = "not reported";

    private static string? PssPerCore(JobListRow job) =>
        JobTiming.MaxPssPerCoreGb(job.MaxPss, job.ActualCoreCount) is { } perCore
            ? JobTiming.FormatMaxPssPerCore(perCore) + " GB"
            : null;

    /// <summary>PanDA's cpuconsumptiontime is NOT NULL: 0 is what an unreported CPU time looks like.</summary>
    private static string? CpuTime(JobListRow job) =>
        job.CpuConsumptionTime > 0 ? JobTiming.FormatDhms(TimeSpan.FromSeconds((double)job.CpuConsumptionTime)) : null;

    private static string ByteSize(long? bytes) =>
        bytes switch
        {
            null => "",
            >= 1L << 30 => (bytes.Value / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
            >= 1L << 20 => (bytes.Value / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
            _ => bytes.Value.ToString("N0", CultureInfo.InvariantCulture) + " B",
        };

    private static string Time(DateTime? time) =>
        time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "—";
}
