using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// Firing, pending and recently resolved alerts, the silences and the rules: what the monitor found, live, the same
/// on every replica (the evaluating one keeps it in the monitor's schema).
/// </summary>
public sealed partial class Alerts
{
    [Inject]
    public required AlertsViewModel ViewModel { get; init; }

    [Inject]
    public required AlertsLive Live { get; init; }

    [Inject]
    public required AlertOptions Options { get; init; }

    private string MonitorUrl => Options.MonitorUrl;

    /// <summary>After a silence or an expiry the form returns to this very view.</summary>
    private string ReturnUrl => Web.MonitorUrls.With(Web.MonitorUrls.AlertsPath, ViewModel.Parameters);

    private bool Filtered => ViewModel.Query is { } q && (q.AlertName is not null || q.Site is not null);

    private string WindowText =>
        ViewModel.Query?.Window is { Duration: not null } window
            ? $"the last {window.DurationCount} {window.DurationParameter}"
        : ViewModel.Query?.Window is { FromUtc: { } from } range && ViewModel.Report is { } report
            ? Web.DisplayText.ExactRange(from, range.ToUtc ?? report.AsOfUtc)
        : "the range";

    protected override bool ReadLocation(string uri) => ViewModel.Read(uri);

    protected override IDisposable Subscribe(Func<LiveState<AlertsReport>, Task> onUpdate) =>
        Live.Subscribe(ViewModel.Query!, ViewModel.Selection, Viewer, onUpdate);

    protected override void Apply(LiveState<AlertsReport> state) => ViewModel.Apply(state);
}
