using System.Globalization;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web.Exports;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// /overview/csv?table=sites|errors|stalled: the overview's tables as read now, by the same repository under the
/// same blind rules.
/// </summary>
public static class OverviewExportEndpoints
{
    public const string Path = "/overview/csv";

    public static readonly IReadOnlyList<string> Tables = ["sites", "errors", "stalled"];

    public static WebApplication MapOverviewExports(this WebApplication app)
    {
        app.MapGet(Path, (HttpContext c) => ExportRequests.AnsweringDatabaseProblemsAsync(c, WriteAsync))
            .RequireAuthorization(IamBearerExtensions.ApiPolicy);
        return app;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var table = context.Request.Query["table"].ToString();
        if (!Tables.Contains(table))
        {
            await ExportRequests.BadRequestAsync(
                context,
                $"table: '{table}' is not a table of the overview; expected {string.Join(", ", Tables)}."
            );
            return;
        }

        var services = context.RequestServices;
        var snapshot = await services
            .GetRequiredService<OverviewRepository>()
            .GetAsync(
                await RequestViewer.ForAsync(context),
                services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                context.RequestAborted
            );
        await ExportRequests.WriteCsvAsync(context, $"darkside-overview-{table}.csv", Lines(snapshot, table));
    }

    public static IEnumerable<IEnumerable<string?>> Lines(OverviewSnapshot snapshot, string table)
    {
        switch (table)
        {
            case "sites":
                yield return ["computingsite", .. PandaJobStatus.Lifecycle, "failure_percent"];
                foreach (var site in snapshot.Sites)
                {
                    yield return
                    [
                        site.Site,
                        .. PandaJobStatus.Lifecycle.Select(s => Number(site.Count(s))),
                        site.FailurePercent?.ToString("0.0", CultureInfo.InvariantCulture),
                    ];
                }

                break;
            case "errors":
                yield return ErrorCodeCsv.Header(withDiagnostic: false);
                foreach (var e in snapshot.TopErrors)
                {
                    yield return ErrorCodeCsv.Row(e, withDiagnostic: false);
                }

                break;
            default:
                yield return ["pandaid", "jobstatus", "computingsite", "produsername", "jeditaskid", "statechange_utc"];
                foreach (var job in snapshot.Stalled)
                {
                    yield return
                    [
                        Number(job.PandaId),
                        job.JobStatus,
                        job.Site,
                        job.User,
                        job.JediTaskId is { } task ? Number(task) : null,
                        job.StateChangeTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    ];
                }

                break;
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
