using DarkSide.Monitor.Identity;

namespace DarkSide.Monitor.Features.Search;

/// <summary>GET /search?q=…: the app bar's search box, answered with a redirect to the page it means.</summary>
public static class SearchEndpoints
{
    public const string Path = "/search";

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, SearchAsync).RequireAuthorization(MonitorClaims.MemberPolicy);
        return app;
    }

    private static async Task<IResult> SearchAsync(
        string? q,
        HttpContext context,
        SearchLookup lookup,
        IRequestViewer viewers,
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
        var viewer = await viewers.ForAsync(context);
        var (isJob, isTask) = await lookup.FindAsync(number, viewer, cancellationToken);
        return Results.Redirect(SearchTarget.ForNumber(number, isJob, isTask));
    }
}
