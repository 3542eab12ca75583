using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Mvc;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// BigPanDA's job JSON: /jobs/?json (the selection, its attribute and error summaries), /job?pandaid=N&amp;json
/// ({job, files, dsfiles}) and /jobstatuslog/N/ (the job's state changes).
/// </summary>
public static class JobsApi
{
    private static readonly IReadOnlySet<string> Outputs = new HashSet<string>(StringComparer.Ordinal)
    {
        "jobs",
        "selectionsummary",
        "errsByCount",
    };

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapExportGroup("");
        api.MapGet(MonitorUrls.JobsJsonPath, JobsAsync);
        api.MapGet("/job/json", JobAsync);
        api.MapGet("/jobstatuslog/{pandaId}", StatusLogAsync);
        return app;
    }

    private static async Task<IResult> JobsAsync(
        HttpContext context,
        JobExportQuery exports,
        JobRepository repository,
        JobFilesReader files,
        IRequestViewer viewers,
        ExportAudit audit
    )
    {
        var errors = new List<ParameterError>();
        var fields = BigPandaJson.List(context, "fields", JobJson.Fields, errors);
        var outputs = BigPandaJson.List(context, "outputs", Outputs, errors);
        var withDatasets = BigPandaJson.Flag(context, "datasets", errors) == true;
        var (query, error) = exports.Parse(BigPandaJson.Parameters(context, "fields", "outputs", "datasets"));
        if (query is null || errors.Count > 0)
        {
            return BigPandaJson.Error(StatusCodes.Status400BadRequest, error ?? BigPandaJson.Describe(errors));
        }

        var viewer = await viewers.ForAsync(context);
        var page = await repository.GetJobsAsync(query, viewer, context.RequestAborted, allColumns: true);
        await audit.JobsAsync(context, viewer, page);
        var wanted = outputs ?? [.. Outputs];
        var summary =
            wanted.Contains("selectionsummary") || wanted.Contains("errsByCount")
                ? await repository.GetSummaryAsync(query, viewer, context.RequestAborted)
                : null;
        var jobs = await JobsJsonAsync(files, page, viewer, fields, withDatasets, context.RequestAborted);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (wanted.Contains("selectionsummary"))
        {
            body["selectionsummary"] = SelectionJson.SelectionSummary(summary!);
        }

        if (wanted.Contains("jobs"))
        {
            body["jobs"] = jobs;
        }

        if (wanted.Contains("errsByCount"))
        {
            body["errsByCount"] = SelectionJson.ErrorsByCount(summary!);
        }

        body["totaljobs"] = page.Total.Value;
        body["totaljobs_estimated"] = page.Total.IsEstimate;
        body["totaljobs_at_least"] = page.Total.AtLeast;
        body["truncated"] = page.Total.Value > page.Jobs.Count;
        if (page.Notices.Count > 0)
        {
            body["notices"] = page.Notices;
        }

        return BigPandaJson.Write(body);
    }

    /// <summary>Each job's JSON, with metastruct (admins only, like the job page) and files when asked for.</summary>
    private static async Task<List<Dictionary<string, object?>>> JobsJsonAsync(
        JobFilesReader reader,
        JobListPage page,
        ViewerAccess viewer,
        IReadOnlyList<string>? fields,
        bool withDatasets,
        CancellationToken cancellationToken
    )
    {
        var visible = page.Jobs.Where(j => !j.IsRedacted).Select(j => j.PandaId).ToArray();
        var metastruct = fields?.Contains("metastruct") == true;
        var metadata = metastruct && viewer.IsAdmin ? await reader.MetadataAsync(visible, cancellationToken) : [];
        var files =
            withDatasets || fields?.Contains("datasets") == true
                ? await reader.FilesAsync(visible, cancellationToken)
                : null;
        return page
            .Jobs.Select(job =>
            {
                var json = JobJson.Keep(JobJson.From(job, page.QueriedAtUtc), fields);
                if (metastruct)
                {
                    json["metastruct"] = metadata.GetValueOrDefault(job.PandaId);
                }

                if (files is not null)
                {
                    json["datasets"] = job.IsRedacted ? null : files.GetValueOrDefault(job.PandaId) ?? [];
                }

                return json;
            })
            .ToList();
    }

    private static async Task<IResult> JobAsync(
        HttpContext context,
        [FromQuery(Name = UrlParameter.PandaId)] string[]? pandaid,
        JobRepository repository,
        JobFilesReader files,
        TimeProvider time,
        IRequestViewer viewers,
        ExportAudit audit
    )
    {
        if (BigPandaJson.Id(string.Join(",", pandaid ?? []), "PandaID", "6100000042", out var bad) is not { } pandaId)
        {
            return bad!;
        }

        var viewer = await viewers.ForAsync(context);
        var (page, missing) = await FindAsync(repository, time, pandaId, viewer, context.RequestAborted);
        if (page is null)
        {
            return missing!;
        }

        var job = page.Jobs[0];
        if (job.IsBlind && !job.IsRedacted)
        {
            await audit.BlindViewAsync(context, viewer, "/job/" + pandaId, "job JSON");
        }

        var found = job.IsRedacted ? [] : await files.FilesAsync([pandaId], context.RequestAborted);
        return BigPandaJson.Write(
            new
            {
                job = JobJson.From(job, page.QueriedAtUtc),
                files = found.GetValueOrDefault(pandaId) ?? [],
                dsfiles = Array.Empty<object>(),
            }
        );
    }

    private static async Task<IResult> StatusLogAsync(
        HttpContext context,
        string pandaId,
        JobRepository repository,
        JobDetailRepository details,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        if (BigPandaJson.Id(pandaId, "PandaID", "6100000042", out var bad) is not { } id)
        {
            return bad!;
        }

        var viewer = await viewers.ForAsync(context);
        var (page, missing) = await FindAsync(repository, time, id, viewer, context.RequestAborted);
        if (page is null)
        {
            return missing!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var detail = await details.GetAsync(id, viewer, now, context.RequestAborted);
        return BigPandaJson.Write(
            detail!.States.Select(s => new
            {
                pandaid = id,
                jobstatus = s.Status,
                modificationtime = BigPandaJson.Time(s.EnteredUtc),
                modificationhost = s.Host,
                duration = JobTiming.FormatDhms(s.Duration),
                durationsec = (long)s.Duration.TotalSeconds,
            })
        );
    }

    /// <summary>The job as the viewer may see it (all of history), or a 404 answer when there is none.</summary>
    private static async Task<(JobListPage? Page, IResult? Missing)> FindAsync(
        JobRepository repository,
        TimeProvider time,
        long pandaId,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        var query = JobQuery.ForPandaId(pandaId, time.GetUtcNow().UtcDateTime);
        var page = await repository.GetJobsAsync(query, viewer, cancellationToken, allColumns: true);
        return page.Jobs.Count == 0
            ? (
                null,
                BigPandaJson.Error(
                    StatusCodes.Status404NotFound,
                    $"No job with PandaID {pandaId} in PanDA's job tables."
                )
            )
            : (page, null);
    }
}
