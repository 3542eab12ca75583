using System.Globalization;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Mvc;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// /overview/csv?table=sites|errors|stalled: the overview's tables as read now, by the same repository under the
/// same blind rules.
/// </summary>
public static class OverviewExportEndpoints
{
    public const string Path = "/overview/csv";

    public static readonly IReadOnlyList<string> Tables = ["sites", "errors", "stalled"];

    public static IEndpointRouteBuilder MapOverviewExports(this IEndpointRouteBuilder app)
    {
        app.MapExportGroup("/overview").MapGet("/csv", CsvAsync);
        return app;
    }

    private static async Task<IResult> CsvAsync(
        HttpContext context,
        [FromQuery(Name = UrlParameter.Table)] string[]? table,
        OverviewRepository overview,
        TimeProvider time,
        IRequestViewer viewers
    )
    {
        if (!Tables.Contains(Joined(table)))
        {
            return ExportRequests.BadRequest(
                $"table: '{Joined(table)}' is not a table of the overview; expected {string.Join(", ", Tables)}."
            );
        }

        var snapshot = await overview.GetAsync(
            await viewers.ForAsync(context),
            time.GetUtcNow().UtcDateTime,
            context.RequestAborted
        );
        return new CsvResult($"darkside-overview-{Joined(table)}.csv", Lines(snapshot, Joined(table)));
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

    /// <summary>The table parameter as given; repeated, its values joined (and so no table's name).</summary>
    private static string Joined(string[]? table) => string.Join(",", table ?? []);
}
