using System.Globalization;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Exports;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Mvc;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// /overview/csv?table=sites|errors|stalled: the overview's tables as read now, over the page's window and in its
/// order, by the same repository under the same blind rules.
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

        var now = time.GetUtcNow().UtcDateTime;
        var (query, errors) = OverviewQuery.Parse(UrlQuery.From(context.Request).Without(UrlParameter.Table), now);
        if (query is null)
        {
            return ExportRequests.BadRequest(string.Join("\n", errors.Select(e => e.ToString())));
        }

        var (from, to) = query.Bounds(now);
        var snapshot = await overview.GetAsync(await viewers.ForAsync(context), from, to, now, context.RequestAborted);
        return new CsvResult(
            ExportFileName.For($"overview-{Joined(table)}", from, to, []),
            Lines(snapshot, query, Joined(table))
        );
    }

    /// <summary>A table of the overview as CSV, in the order the page shows it for the same URL.</summary>
    public static IEnumerable<IEnumerable<string?>> Lines(OverviewSnapshot snapshot, OverviewQuery query, string table)
    {
        switch (table)
        {
            case "sites":
                yield return
                [
                    "computingsite",
                    .. PandaJobStatus.Lifecycle,
                    "failure_percent",
                    "top_errors",
                    "from_utc",
                    "to_utc",
                ];
                foreach (var site in OverviewViewModel.Sorted(snapshot.Sites, query.Sort))
                {
                    yield return
                    [
                        site.Site,
                        .. PandaJobStatus.Lifecycle.Select(s => Number(site.Count(s))),
                        site.FailurePercent?.ToString("0.0", CultureInfo.InvariantCulture),
                        string.Join("; ", site.TopErrors.Select(e => $"{e.Key} ({Number(e.Jobs)})")),
                        Time(snapshot.FromUtc),
                        Time(snapshot.AsOfUtc),
                    ];
                }

                break;
            case "errors":
                yield return ErrorCodeCsv.Header(withDiagnostic: false);
                foreach (var e in JobErrorSort.Apply(query.Codes, snapshot.TopErrors))
                {
                    yield return ErrorCodeCsv.Row(e, withDiagnostic: false);
                }

                break;
            default:
                yield return ["pandaid", "jobstatus", "computingsite", "produsername", "jeditaskid", "statechange_utc"];
                foreach (var job in OverviewViewModel.SortedStalled(snapshot.Stalled, query.Stalled))
                {
                    yield return
                    [
                        Number(job.PandaId),
                        job.JobStatus,
                        job.Site,
                        job.User,
                        job.JediTaskId is { } task ? Number(task) : null,
                        Time(job.StateChangeTime),
                    ];
                }

                break;
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The table parameter as given; repeated, its values joined (and so no table's name).</summary>
    private static string Joined(string[]? table) => string.Join(",", table ?? []);
}
