using DarkSide.Monitor.Panda.JobTables;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// The job list's table: the rows of the view model's current page. Sorting and paging are links (the URL is the
/// state).
/// </summary>
public sealed partial class JobTable
{
    [Parameter, EditorRequired]
    public required JobsViewModel ViewModel { get; set; }

    [Inject]
    public required JobTableMarkup Markup { get; init; }

    private IEnumerable<(JobListRow Job, JobRowMarkup Markup)> Rows =>
        ViewModel.Result is { } page ? page.Jobs.Zip(Markup.For(page, ViewModel)) : [];

    private long? AsOf => ViewModel.Result is { } page ? JobCellHtml.UnixSeconds(page.QueriedAtUtc) : null;
}
