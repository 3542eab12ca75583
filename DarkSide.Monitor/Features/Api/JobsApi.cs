using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;

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

    public static void Map(WebApplication app)
    {
        app.MapGet(MonitorUrls.JobsJsonPath, (HttpContext c) => BigPandaJson.AnsweringAsync(c, JobsAsync))
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet("/job/json", (HttpContext c) => BigPandaJson.AnsweringAsync(c, JobAsync))
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        app.MapGet(
                "/jobstatuslog/{pandaId}",
                (HttpContext c, string pandaId) => BigPandaJson.AnsweringAsync(c, x => StatusLogAsync(x, pandaId))
            )
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
    }

    private static async Task JobsAsync(HttpContext context)
    {
        var errors = new List<ParameterError>();
        var fields = BigPandaJson.List(context, "fields", JobJson.Fields, errors);
        var outputs = BigPandaJson.List(context, "outputs", Outputs, errors);
        var withDatasets = BigPandaJson.Flag(context, "datasets", errors) == true;
        var (query, error) = ExportRequests.ParseExport(
            context,
            BigPandaJson.Parameters(context, "fields", "outputs", "datasets")
        );
        if (query is null || errors.Count > 0)
        {
            await BigPandaJson.ErrorAsync(
                context,
                StatusCodes.Status400BadRequest,
                error ?? BigPandaJson.Describe(errors)
            );
            return;
        }

        var services = context.RequestServices;
        var viewer = await RequestViewer.ForAsync(context);
        var repository = services.GetRequiredService<JobRepository>();
        var page = await repository.GetJobsAsync(query, viewer, context.RequestAborted, allColumns: true);
        await ExportRequests.AuditBlindExportAsync(context, viewer, page);
        var wanted = outputs ?? [.. Outputs];
        var summary =
            wanted.Contains("selectionsummary") || wanted.Contains("errsByCount")
                ? await repository.GetSummaryAsync(query, viewer, context.RequestAborted)
                : null;
        var jobs = await JobsJsonAsync(context, page, viewer, fields, withDatasets);
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

        await BigPandaJson.WriteAsync(context, body);
    }

    /// <summary>Each job's JSON, with metastruct (admins only, like the job page) and files when asked for.</summary>
    private static async Task<List<Dictionary<string, object?>>> JobsJsonAsync(
        HttpContext context,
        JobListPage page,
        ViewerAccess viewer,
        IReadOnlyList<string>? fields,
        bool withDatasets
    )
    {
        var reader = context.RequestServices.GetRequiredService<JobFilesReader>();
        var visible = page.Jobs.Where(j => !j.IsRedacted).Select(j => j.PandaId).ToArray();
        var metastruct = fields?.Contains("metastruct") == true;
        var metadata = metastruct && viewer.IsAdmin ? await reader.MetadataAsync(visible, context.RequestAborted) : [];
        var files =
            withDatasets || fields?.Contains("datasets") == true
                ? await reader.FilesAsync(visible, context.RequestAborted)
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

    private static async Task JobAsync(HttpContext context)
    {
        if (
            await BigPandaJson.IdAsync(context, context.Request.Query["pandaid"].ToString(), "PandaID", "6100000042")
            is not { } pandaId
        )
        {
            return;
        }

        var viewer = await RequestViewer.ForAsync(context);
        if (await FindAsync(context, pandaId, viewer) is not { } page)
        {
            return;
        }

        var job = page.Jobs[0];
        if (job.IsBlind && !job.IsRedacted)
        {
            await ExportRequests.AuditBlindViewAsync(context, viewer, "/job/" + pandaId, "job JSON");
        }

        var files = job.IsRedacted
            ? []
            : await context
                .RequestServices.GetRequiredService<JobFilesReader>()
                .FilesAsync([pandaId], context.RequestAborted);
        await BigPandaJson.WriteAsync(
            context,
            new
            {
                job = JobJson.From(job, page.QueriedAtUtc),
                files = files.GetValueOrDefault(pandaId) ?? [],
                dsfiles = Array.Empty<object>(),
            }
        );
    }

    private static async Task StatusLogAsync(HttpContext context, string text)
    {
        if (await BigPandaJson.IdAsync(context, text, "PandaID", "6100000042") is not { } pandaId)
        {
            return;
        }

        var viewer = await RequestViewer.ForAsync(context);
        if (await FindAsync(context, pandaId, viewer) is null)
        {
            return;
        }

        var detail = await context
            .RequestServices.GetRequiredService<JobDetailRepository>()
            .GetAsync(pandaId, viewer, DateTime.UtcNow, context.RequestAborted);
        await BigPandaJson.WriteAsync(
            context,
            detail!.States.Select(s => new
            {
                pandaid = pandaId,
                jobstatus = s.Status,
                modificationtime = BigPandaJson.Time(s.EnteredUtc),
                modificationhost = s.Host,
                duration = JobTiming.FormatDhms(s.Duration),
                durationsec = (long)s.Duration.TotalSeconds,
            })
        );
    }

    /// <summary>The job as the viewer may see it (all of history), or a 404 answer when there is none.</summary>
    private static async Task<JobListPage?> FindAsync(HttpContext context, long pandaId, ViewerAccess viewer)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var query = JobQuery.ForPandaId(pandaId, now);
        var page = await context
            .RequestServices.GetRequiredService<JobRepository>()
            .GetJobsAsync(query, viewer, context.RequestAborted, allColumns: true);
        if (page.Jobs.Count == 0)
        {
            await BigPandaJson.ErrorAsync(
                context,
                StatusCodes.Status404NotFound,
                $"No job with PandaID {pandaId} in PanDA's job tables."
            );
            return null;
        }

        return page;
    }
}
