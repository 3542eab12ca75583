using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Features.Search;

/// <summary>GET /search?q=…: the app bar's search box, answered with a redirect to the page it means.</summary>
public static class SearchEndpoints
{
    public const string Path = "/search";

    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapGet(Path, SearchAsync).RequireAuthorization(MonitorClaims.MemberPolicy);
        return app;
    }

    private static async Task<IResult> SearchAsync(
        string? q,
        PandaDatabase panda,
        PandaSchema schema,
        CancellationToken cancellationToken
    )
    {
        if (q is { Length: > SearchTarget.MaxLength })
        {
            return Results.BadRequest(
                $"The search text is {q.Length} characters long; expected a PandaID, task ID, name or user of at "
                    + $"most {SearchTarget.MaxLength}."
            );
        }

        var kind = SearchTarget.Classify(q);
        if (kind != SearchKind.Number)
        {
            return Results.Redirect(SearchTarget.ForText(kind, q ?? ""));
        }

        var number = long.Parse(q!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // Primary-key lookups on PanDA's own indexes; a missing optional table is simply not asked.
        var jobTables = new[] { PandaTable.JobsDefined4, PandaTable.JobsActive4, PandaTable.JobsArchived4 }
            .Where(schema.Has)
            .Select(t => $"SELECT 1 FROM {schema.QualifiedName(t)} WHERE pandaid = $1");
        var isJob = await ExistsAsync(panda, string.Join(" UNION ALL ", jobTables), number, cancellationToken);
        var isTask =
            !isJob
            && schema.Has(PandaTable.JediTasks)
            && await ExistsAsync(
                panda,
                $"SELECT 1 FROM {schema.QualifiedName(PandaTable.JediTasks)} WHERE jeditaskid = $1",
                number,
                cancellationToken
            );
        return Results.Redirect(SearchTarget.ForNumber(number, isJob, isTask));
    }

    private static async Task<bool> ExistsAsync(
        PandaDatabase panda,
        string sql,
        long number,
        CancellationToken cancellationToken
    )
    {
        if (sql.Length == 0)
        {
            return false;
        }

        var command = new NpgsqlCommand($"SELECT EXISTS ({sql})") { Parameters = { new() { Value = number } } };
        return await panda.ScalarAsync(command, cancellationToken) is true;
    }
}
