using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>
/// One row of the job table as HTML, in the parts that change at different times: the cells before the clock columns,
/// time to start, duration (which tick for running jobs), the cells after them, and the job-name line. A live page
/// emits each part as one markup frame instead of ~150 element, attribute and text frames, and viewers of the same
/// refresh share the strings (<see cref="JobTableMarkup"/>). Every value is HTML-encoded here.
/// </summary>
public sealed record JobRowMarkup(
    MarkupString Leading,
    MarkupString TimeToStart,
    MarkupString Duration,
    MarkupString Trailing,
    MarkupString SubRow
)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <param name="filterUrl">The viewer's job list with one more filter
    /// (<see cref="JobsViewModel.FilterUrl"/>).</param>
    public static JobRowMarkup For(JobListRow job, DateTime asOfUtc, Func<string, string?, string> filterUrl) =>
        new(
            new(LeadingCells(job, filterUrl)),
            new(
                ClockCell(
                    "col-timetostart",
                    JobTiming.TimeToStart(job, asOfUtc),
                    JobTiming.TimeToStartCountingFrom(job)
                )
            ),
            new(ClockCell("col-duration", JobTiming.Duration(job, asOfUtc), JobTiming.DurationCountingFrom(job))),
            new(TrailingCells(job, filterUrl)),
            new(SubRowCell(job))
        );

    private static string LeadingCells(JobListRow job, Func<string, string?, string> filterUrl)
    {
        var html = new StringBuilder(1024);
        html.Append(
            Cell(
                "col-pandaid",
                $"""<a href="{Attr(MonitorUrls.Job(job.PandaId))}" data-pandaid="{Number(job.PandaId)}">"""
                    + $"{Number(job.PandaId)}</a>"
            )
        );
        // One line per cell: the VO and group are the owner's tooltip; the group is also on the job-name line.
        var ownerTitle = string.Join(", ", new[] { job.Vo, job.WorkingGroup }.Where(v => !string.IsNullOrEmpty(v)));
        var owner = job.ProdUserName is { } name
            ? Link(filterUrl(UrlParameter.ProdUserName, name), name, title: name + " / " + ownerTitle)
            : Text(job.ProdUserId ?? "Unknown");
        html.Append(Cell("col-owner", owner));
        html.Append(Cell("col-task", Task(job, filterUrl)));
        var transformation = JobTiming.TransformationName(job.Transformation);
        // PanDA leaves transformation NULL on jobs it never brokered: no empty link to "/jobs?transformation=".
        html.Append(
            Cell(
                "col-transformation",
                string.IsNullOrEmpty(transformation)
                    ? ""
                    : Link(filterUrl(UrlParameter.Transformation, transformation), transformation, "plain")
            )
        );
        var substatus = string.IsNullOrEmpty(job.JobSubStatus)
            ? ""
            : $""" <span class="job-substatus">{Text(job.JobSubStatus)}</span>""";
        html.Append(
            Cell(
                "col-status",
                $"""<span class="jobstatus jobstatus-{Attr(job.JobStatus)}">{Text(job.JobStatus)}</span>{substatus}"""
            )
        );
        html.Append(Cell("col-created", Time(job.CreationTime)));
        return html.ToString();
    }

    private static string Task(JobListRow job, Func<string, string?, string> filterUrl)
    {
        var html = new StringBuilder();
        if (job.ReqId is { } request && job.ProdSourceLabel == "managed")
        {
            html.Append(Link(filterUrl(UrlParameter.ReqId, Number(request)), Number(request), title: "Request"))
                .Append(" / ");
        }

        if (job.JediTaskId is { } task)
        {
            html.Append(
                $"""<a href="{Attr(filterUrl(UrlParameter.JediTaskId, Number(task)))}" """
                    + $"""title="This task's jobs">{Number(task)}</a><a href="{Attr(MonitorUrls.Task(task))}" """
                    + $"""title="Task page" aria-label="Task {Number(task)} page" class="task-page-link">"""
                    + $"{OpenInNew}</a>"
            );
        }

        return html.ToString();
    }

    private static string TrailingCells(JobListRow job, Func<string, string?, string> filterUrl)
    {
        var html = new StringBuilder(512);
        html.Append(Cell("col-modified", Time(job.ModificationTime)));
        var site = "";
        if (job.ComputingSite is { } computingSite)
        {
            site = Link(filterUrl(UrlParameter.ComputingSite, computingSite), computingSite, title: computingSite);
            // "online" is the normal state: only a queue that is not gets a badge (with its comment as tooltip).
            if (job.QueueStatus is { } status and not "online")
            {
                var comment = job.QueueComment is { Length: > 0 } c ? c : "Queue " + status;
                site +=
                    $""" <span class="queue-status queue-status-{Attr(status)}" data-testid="queue-status" """
                    + $"""title="{Attr(comment)}">{Text(status)}</span>""";
            }
        }

        html.Append(Cell("col-site", site));
        html.Append(Cell("col-priority", Number(job.CurrentPriority)));
        var inputs = string.Create(CultureInfo.InvariantCulture, $"{job.NEvents ?? 0} ({job.InputFiles ?? 0})");
        html.Append(Cell("col-inputs", job.IsRedacted ? Blinded.Html : Text(inputs)));
        html.Append(
            Cell(
                "col-maxpss",
                Text(JobTiming.FormatMaxPssPerCore(JobTiming.MaxPssPerCoreGb(job.MaxPss, job.ActualCoreCount)))
            )
        );
        // The whole error text stays in the cell (ellipsis by CSS) and in its tooltip.
        var errors = string.Join("; ", job.Errors.Select(e => e.ToString()));
        html.Append(
            errors.Length == 0
                ? Cell("col-info", "")
                : $"""<td class="col-info" title="{Attr(errors)}"><span class="job-error">{Text(errors)}</span></td>"""
        );
        return html.ToString();
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
        return $"""<td colspan="14"><div class="job-subrow" data-testid="job-subrow">{group}{line}</div></td>""";
    }

    /// <summary>MudBlazor's "open in new" icon: a constant, shared by every row.</summary>
    private static readonly string OpenInNew =
        """<svg class="mud-icon-root mud-svg-icon mud-icon-size-small" viewBox="0 0 24 24" aria-hidden="true">"""
        + MudBlazor.Icons.Material.Filled.OpenInNew
        + "</svg>";

    /// <summary>
    /// A fixed time as its d:h:m:s text; one that still counts as the instant it counts from, which clock-cells.js
    /// turns into a ticking text. The markup of a running job then stays the same from refresh to refresh, and a
    /// refresh that changed nothing sends nothing for it.
    /// </summary>
    private static string ClockCell(string column, TimeSpan value, DateTime? countingFrom) =>
        countingFrom is { } from
            ? $"""<td class="{column}" data-counting-from="{Number(UnixSeconds(from))}"></td>"""
            : Cell(column, JobTiming.FormatDhms(value));

    public static long UnixSeconds(DateTime utc) =>
        (long)(DateTime.SpecifyKind(utc, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;

    private static string Cell(string column, string content) => $"""<td class="{column}">{content}</td>""";

    private static string Link(string href, string text, string? cssClass = null, string? title = null)
    {
        var css = cssClass is null ? "" : $"""class="{cssClass}" """;
        var tooltip = title is null ? "" : $"""title="{Attr(title)}" """;
        return $"""<a {css}{tooltip}href="{Attr(href)}">{Text(text)}</a>""";
    }

    private static string Text(string? value) => Html.Encode(value ?? "");

    private static string Attr(string? value) => Html.Encode(value ?? "");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Month, day and time in the cell; the year in its tooltip.</summary>
    private static string Time(DateTime time) =>
        $"""<span title="{time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}">"""
        + $"{time.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}</span>";
}
