using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// Job-list links for rollup cells: the same hours (date_from/date_to on modificationtime, as the rollups are
/// bucketed) and the same filters in the job list's grammar, so a number and the list it opens count the same jobs.
/// </summary>
public static class UsageJobLinks
{
    public const string EndedStates = "finished|failed|cancelled|closed";

    public static string Jobs(
        DateTime from,
        DateTime to,
        IEnumerable<(UsageDimension Dimension, string Value)> filters,
        string? jobStatus = null
    )
    {
        // A row's own value comes after the URL's filter on its dimension (CNAF-1 after CNAF*): it is the narrower.
        var parameters = filters.GroupBy(f => f.Dimension).Select(g => Parameter(g.Key, g.Last().Value)).ToList();
        return MonitorUrls.Jobs(
            new JobLink
            {
                Window = LinkWindow.Between(from, to),
                Filters = parameters,
                JobStatus = parameters.Any(p => p.Key == UrlParameter.JobStatus) ? null : jobStatus ?? EndedStates,
            }
        );
    }

    private static KeyValuePair<string, string> Parameter(UsageDimension dimension, string value)
    {
        if (dimension == UsageDimensions.Activity)
        {
            return new(
                UrlParameter.ProdSourceLabel,
                value switch
                {
                    "production" => "managed|prod_test",
                    "analysis" => "user|panda",
                    _ => "!managed,!prod_test,!user,!panda",
                }
            );
        }

        var name = dimension == UsageDimensions.ResourceType ? "resourcetype" : dimension.Parameter;
        return new(name, value.Length == 0 ? TextPattern.NotSpecified : value);
    }
}
