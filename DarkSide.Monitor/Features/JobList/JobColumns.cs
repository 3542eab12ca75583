using System.Globalization;
using System.Text;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Query;
using static DarkSide.Monitor.Features.JobList.JobCellHtml;

namespace DarkSide.Monitor.Features.JobList;

/// <summary>A sort link in a column's header: the key, its title and what a computed column means.</summary>
public sealed record JobSortHeader(JobSortKey Key, string Title, string? Definition = null);

/// <summary>What a cell writer is given: the job, the instant of the query, the viewer's filter links.</summary>
public sealed record JobCellContext(JobListRow Job, DateTime AsOfUtc, Func<string, string?, string> FilterUrl);

/// <summary>
/// One column of the job list: its header (title, tooltip, sort links), its CSS class, its width (a CSS grid track:
/// fixed, so every column fits 1440 px and the error text takes what is left) and the writer of its cell (the whole
/// &lt;td&gt;).
/// </summary>
public sealed record JobColumn(
    string CssClass,
    string Width,
    string Title,
    string? Tooltip,
    IReadOnlyList<JobSortHeader> Sorts,
    Func<JobCellContext, string> Cell
);

/// <summary>
/// The job list's columns, once: the table's header and the shared row HTML are both produced from this list, so a
/// column is added in one place.
/// </summary>
public static class JobColumns
{
    public static readonly IReadOnlyList<JobColumn> All =
    [
        new(
            "col-pandaid",
            "92px",
            "PanDA ID",
            null,
            [
                new(JobSortKey.PandaId, "PanDA ID"),
                new(
                    JobSortKey.AttemptNr,
                    "Att.",
                    "attemptnr: which attempt of its job name this is (on the line below)."
                ),
            ],
            c =>
                Cell(
                    "col-pandaid",
                    $"""<a href="{Attr(MonitorUrls.Job(c.Job.PandaId))}" data-pandaid="{Number(c.Job.PandaId)}">"""
                        + $"{Number(c.Job.PandaId)}</a>"
                )
        ),
        new(
            "col-owner",
            "116px",
            "Owner",
            null,
            [new(JobSortKey.ProdUserName, "Owner", "produsername; VO and working group in its tooltip.")],
            Owner
        ),
        new(
            "col-task",
            "108px",
            "Request / Task",
            "Request ID (managed jobs) / JEDI task ID",
            [new(JobSortKey.JediTaskId, "Request / Task", "Request ID (managed jobs) / JEDI task ID; sorts by task.")],
            c => Cell("col-task", Task(c.Job, c.FilterUrl))
        ),
        new(
            "col-transformation",
            "124px",
            "Transformation",
            null,
            [new(JobSortKey.Transformation, "Transformation")],
            Transformation
        ),
        new(
            "col-status",
            "84px",
            "Status",
            null,
            [new(JobSortKey.JobStatus, "Status", "jobstatus, then jobsubstatus.")],
            Status
        ),
        new(
            "col-created",
            "104px",
            "Created",
            null,
            [new(JobSortKey.Create, "Created", "creationtime, UTC (year in the cell's tooltip).")],
            c => Cell("col-created", Time(c.Job.CreationTime, c.AsOfUtc))
        ),
        new(
            "col-timetostart",
            "68px",
            "To start",
            null,
            [
                new(
                    JobSortKey.QueueTime,
                    "To start",
                    "d:h:m:s: starttime - creationtime; now - creationtime before it starts."
                ),
            ],
            c =>
                ClockCell(
                    "col-timetostart",
                    JobTiming.TimeToStart(c.Job, c.AsOfUtc),
                    JobTiming.TimeToStartCountingFrom(c.Job)
                )
        ),
        new(
            "col-duration",
            "68px",
            "Duration",
            null,
            [
                new(
                    JobSortKey.Duration,
                    "Duration",
                    "d:h:m:s: endtime - starttime; now - starttime while running; 0 if never started."
                ),
            ],
            c => ClockCell("col-duration", JobTiming.Duration(c.Job, c.AsOfUtc), JobTiming.DurationCountingFrom(c.Job))
        ),
        new(
            "col-modified",
            "104px",
            "Modified",
            null,
            [new(JobSortKey.Time, "Modified", "modificationtime, UTC: the last time PanDA wrote the job.")],
            c => Cell("col-modified", Time(c.Job.ModificationTime, c.AsOfUtc))
        ),
        new(
            "col-site",
            "120px",
            "Site",
            null,
            [new(JobSortKey.ComputingSite, "Site", "computingsite and its queue status.")],
            Site
        ),
        new(
            "col-priority",
            "48px",
            "Prio",
            null,
            [new(JobSortKey.Priority, "Prio", "currentpriority.")],
            c => Cell("col-priority", Number(c.Job.CurrentPriority))
        ),
        new(
            "col-inputs",
            "72px",
            "Evts (files)",
            "Not sortable (nevents may be blind). N input events (nevents) and, in brackets, N input files",
            [],
            Inputs
        ),
        new(
            "col-maxpss",
            "60px",
            "PSS/core",
            null,
            [
                new(
                    JobSortKey.PssPerCore,
                    "PSS/core",
                    "Max PSS per core, GB: maxpss (kB) / 1024 / 1024 / actualcorecount."
                ),
            ],
            c =>
                Cell(
                    "col-maxpss",
                    Text(JobTiming.FormatMaxPssPerCore(JobTiming.MaxPssPerCoreGb(c.Job.MaxPss, c.Job.ActualCoreCount)))
                )
        ),
        new(
            "col-info",
            "minmax(120px, 1fr)",
            "Job info",
            "Not sortable (diagnostics may be blind). Job info: every error component and code with its diagnostic",
            [],
            Info
        ),
    ];

    /// <summary>The columns' widths as a CSS grid template (the header's and every job's grid).</summary>
    public static readonly string GridTemplate = string.Join(" ", All.Select(c => c.Width));

    /// <summary>A job's cells, in the columns' order.</summary>
    public static string Cells(JobCellContext context)
    {
        var html = new StringBuilder(2048);
        foreach (var column in All)
        {
            html.Append(column.Cell(context));
        }

        return html.ToString();
    }

    // One line per cell: the VO and group are the owner's tooltip; the group is also on the job-name line.
    private static string Owner(JobCellContext c)
    {
        var job = c.Job;
        var ownerTitle = string.Join(", ", new[] { job.Vo, job.WorkingGroup }.Where(v => !string.IsNullOrEmpty(v)));
        var owner = job.ProdUserName is { } name
            ? Link(c.FilterUrl(UrlParameter.ProdUserName, name), name, title: name + " / " + ownerTitle)
            : Text(job.ProdUserId ?? "Unknown");
        return Cell("col-owner", owner);
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

    // PanDA leaves transformation NULL on jobs it never brokered: no empty link to "/jobs?transformation=".
    private static string Transformation(JobCellContext c)
    {
        var transformation = JobTiming.TransformationName(c.Job.Transformation);
        return Cell(
            "col-transformation",
            string.IsNullOrEmpty(transformation)
                ? ""
                : Link(c.FilterUrl(UrlParameter.Transformation, transformation), transformation, "plain")
        );
    }

    private static string Status(JobCellContext c)
    {
        var job = c.Job;
        var substatus = string.IsNullOrEmpty(job.JobSubStatus)
            ? ""
            : $""" <span class="job-substatus">{Text(job.JobSubStatus)}</span>""";
        return Cell(
            "col-status",
            $"""<span class="jobstatus jobstatus-{Attr(job.JobStatus)}">{Text(job.JobStatus)}</span>{substatus}"""
        );
    }

    // "online" is the normal state: only a queue that is not gets a badge (with its comment as tooltip).
    private static string Site(JobCellContext c)
    {
        var job = c.Job;
        var site = "";
        if (job.ComputingSite is { } computingSite)
        {
            site = Link(c.FilterUrl(UrlParameter.ComputingSite, computingSite), computingSite, title: computingSite);
            if (job.QueueStatus is { } status and not "online")
            {
                var comment = job.QueueComment is { Length: > 0 } text ? text : "Queue " + status;
                site +=
                    $""" <span class="queue-status queue-status-{Attr(status)}" data-testid="queue-status" """
                    + $"""title="{Attr(comment)}">{Text(status)}</span>""";
            }
        }

        return Cell("col-site", site);
    }

    private static string Inputs(JobCellContext c)
    {
        var inputs = string.Create(CultureInfo.InvariantCulture, $"{c.Job.NEvents ?? 0} ({c.Job.InputFiles ?? 0})");
        return Cell("col-inputs", c.Job.IsRedacted ? Blinded.Html : Text(inputs));
    }

    // The whole error text stays in the cell (ellipsis by CSS) and in its tooltip.
    private static string Info(JobCellContext c)
    {
        var errors = string.Join("; ", c.Job.Errors.Select(e => e.ToString()));
        return errors.Length == 0
            ? Cell("col-info", "")
            : $"""<td class="col-info" title="{Attr(errors)}"><span class="job-error">{Text(errors)}</span></td>""";
    }

    /// <summary>MudBlazor's "open in new" icon: a constant, shared by every row.</summary>
    private static readonly string OpenInNew =
        """<svg class="mud-icon-root mud-svg-icon mud-icon-size-small" viewBox="0 0 24 24" aria-hidden="true">"""
        + MudBlazor.Icons.Material.Filled.OpenInNew
        + "</svg>";
}
