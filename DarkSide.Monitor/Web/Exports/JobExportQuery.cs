using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>
/// The job list's parameters read as for the page, then widened to the export limit from the first job: the CSV
/// and the JSON API select what the page shows.
/// </summary>
public sealed class JobExportQuery(JobQueryParser parser, ExportOptions options, TimeProvider time)
{
    public (JobQuery? Query, string? Error) Parse(IDictionary<string, StringValues> given)
    {
        var parameters = given
            .Where(p => !string.Equals(p.Key, UrlParameter.Page, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var result = parser.Parse(parameters, time.GetUtcNow().UtcDateTime);
        if (result.Query is not { } query)
        {
            return (
                null,
                "This address has parameters the job list cannot use: "
                    + string.Join(" ", result.Errors.Select(e => e + (e.Message.EndsWith('.') ? "" : ".")))
            );
        }

        var rows = (int)Math.Min(options.ExportLimit, query.Limit ?? long.MaxValue);
        return (query with { Page = 1, DisplayLimit = rows }, null);
    }
}
