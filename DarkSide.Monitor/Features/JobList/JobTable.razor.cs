using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The job list's grid: the rows of the view model's current page. Sorting and paging are links (the URL is the
/// state), so the grid's own sort and pager stay off.
/// </summary>
public sealed partial class JobTable
{
    [Parameter, EditorRequired]
    public required JobsViewModel ViewModel { get; set; }

    private DateTime AsOfUtc => ViewModel.Result?.QueriedAtUtc ?? DateTime.UtcNow;

    private IReadOnlyList<JobListRow> Rows => ViewModel.Result?.Jobs ?? [];

    private string RowClass(JobListRow job, int index) =>
        "job-row"
        + (ViewModel.ChangedPandaIds.Contains(job.PandaId) ? " job-changed" : "")
        + (job.IsRedacted ? " job-blinded" : "");

    /// <summary>BigPanDA's "N input events (N input files)": a job without input files shows "(0)".</summary>
    private static string InputText(JobListRow job) =>
        string.Create(CultureInfo.InvariantCulture, $"{job.NEvents ?? 0} ({job.InputFiles ?? 0})");

    private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
