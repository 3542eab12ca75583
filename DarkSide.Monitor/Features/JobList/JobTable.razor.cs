using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The job list's grid. Its rows come from the live snapshot through ServerData; sorting and paging are links
/// (the URL is the state), so the grid's own sort and pager stay off.
/// </summary>
public sealed partial class JobTable
{
    private MudDataGrid<JobListRow>? _grid;

    [Parameter, EditorRequired]
    public required JobsViewModel ViewModel { get; set; }

    private DateTime AsOfUtc => ViewModel.Result?.QueriedAtUtc ?? DateTime.UtcNow;

    /// <summary>Asks the grid to take the view model's current page (a new snapshot or a new URL).</summary>
    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<GridData<JobListRow>> LoadAsync(GridState<JobListRow> state, CancellationToken cancellationToken)
    {
        var page = await ViewModel.WaitForPageAsync(cancellationToken);
        return new GridData<JobListRow>
        {
            Items = page.Jobs,
            TotalItems = (int)Math.Min(int.MaxValue, page.Total.Value),
        };
    }

    private string RowClass(JobListRow job, int index) =>
        "job-row"
        + (ViewModel.ChangedPandaIds.Contains(job.PandaId) ? " job-changed" : "")
        + (job.IsRedacted ? " job-blinded" : "");

    /// <summary>BigPanDA's "N input events (N input files)": a job without input files shows "(0)".</summary>
    private static string InputText(JobListRow job) =>
        string.Create(CultureInfo.InvariantCulture, $"{job.NEvents ?? 0} ({job.InputFiles ?? 0})");

    private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
