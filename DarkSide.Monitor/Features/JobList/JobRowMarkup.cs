using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web.Controls;
using Microsoft.AspNetCore.Components;
using static DarkSide.Monitor.Features.JobList.JobCellHtml;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// One job of the job table as HTML: its row of cells and its job-name line, as one markup frame. A refresh that
/// changes a job replaces its rows in one insertion, and a job that did not change is the same string, so the browser
/// is not touched (clock cells tick in the browser, from data-counting-from). Viewers of the same refresh share the
/// strings (<see cref="JobTableMarkup"/>). The cells come from <see cref="JobColumns"/>; every value is encoded by
/// <see cref="JobCellHtml"/>.
/// </summary>
public sealed class JobRowMarkup(string cells, string subRow, bool redacted)
{
    private MarkupString? _html;

    public string Cells => cells;

    public string SubRow => subRow;

    /// <param name="filterUrl">The viewer's job list with one more filter
    /// (<see cref="JobsViewModel.FilterUrl"/>).</param>
    public static JobRowMarkup For(JobListRow job, DateTime asOfUtc, Func<string, string?, string> filterUrl) =>
        new(JobColumns.Cells(new JobCellContext(job, asOfUtc, filterUrl)), SubRowCell(job), job.IsRedacted);

    /// <summary>The job's two rows. A change mark is the tbody's class, so marking a job does not re-send it.</summary>
    public MarkupString Html =>
        _html ??= new(
            $"""<tr class="job-row{(redacted ? " job-blinded" : "")}">{cells}</tr>"""
                + $"""<tr class="job-subrow-row">{subRow}</tr>"""
        );

    private static string SubRowCell(JobListRow job)
    {
        var attempt = $"""<span class="nowrap">Attempt {Number(job.AttemptNr)}</span> """;
        string line;
        if (job.IsRedacted)
        {
            line = $"{attempt}<span>Job name and datasets: {Blinded.Html}</span>";
        }
        else
        {
            // Plain text: a link here would sit under the row's links closer than a 24-px target allows (WCAG
            // 2.5.8); the job's page lists its attempts and links them as a job list.
            var name = job.JobName is { Length: > 0 } jobName ? Text(jobName) : "-";
            var input = job.ProdDBlock is { Length: > 0 } i
                ? $"""<span class="job-dataset"><b>In:</b> {Text(i)}</span>"""
                : "";
            var output = job.DestinationDBlock is { Length: > 0 } o
                ? $"""<span class="job-dataset"><b>Out:</b> {Text(o)}</span>"""
                : "";
            var datasets = input.Length + output.Length == 0 ? "-" : input + " " + output;
            line =
                attempt
                + $"""<span class="job-name">Job name: {name}</span> """
                + $"""<span class="job-datasets">Datasets: {datasets}</span>""";
        }

        var group = job.WorkingGroup is { Length: > 0 } g ? $"""<span class="nowrap">Group {Text(g)}</span> """ : "";
        return $"""<td colspan="{JobColumns.All.Count}">"""
            + $"""<div class="job-subrow" data-testid="job-subrow">{group}{line}</div></td>""";
    }
}
