using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using Microsoft.AspNetCore.Components;
using static DarkSide.Monitor.Features.JobList.JobCellHtml;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// One row of the job table as HTML, in the parts that change at different times: the cells before the clock columns,
/// time to start, duration (which tick for running jobs), the cells after them, and the job-name line. A live page
/// emits each part as one markup frame instead of ~150 element, attribute and text frames, and viewers of the same
/// refresh share the strings (<see cref="JobTableMarkup"/>). The cells come from <see cref="JobColumns"/>; every
/// value is encoded by <see cref="JobCellHtml"/>.
/// </summary>
public sealed record JobRowMarkup(
    MarkupString Leading,
    MarkupString TimeToStart,
    MarkupString Duration,
    MarkupString Trailing,
    MarkupString SubRow
)
{
    /// <param name="filterUrl">The viewer's job list with one more filter
    /// (<see cref="JobsViewModel.FilterUrl"/>).</param>
    public static JobRowMarkup For(JobListRow job, DateTime asOfUtc, Func<string, string?, string> filterUrl)
    {
        var context = new JobCellContext(job, asOfUtc, filterUrl);
        return new(
            new(JobColumns.Cells(JobRowPart.Leading, context)),
            new(JobColumns.Cells(JobRowPart.TimeToStart, context)),
            new(JobColumns.Cells(JobRowPart.Duration, context)),
            new(JobColumns.Cells(JobRowPart.Trailing, context)),
            new(SubRowCell(job))
        );
    }

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
            var name = job.JobName is { Length: > 0 } jobName
                ? $"""<a href="{Attr(MonitorUrls.JobAttempts(jobName, job.JediTaskId))}" """
                    + $"""title="All attempts of this job">{Text(jobName)}</a>"""
                : "-";
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
