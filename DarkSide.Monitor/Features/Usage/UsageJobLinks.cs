using System.Globalization;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web;

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
        var parameters = new List<KeyValuePair<string, string>>
        {
            new(UrlParameter.DateFrom, Format(from)),
            new(UrlParameter.DateTo, Format(to)),
        };
        foreach (var (dimension, value) in filters)
        {
            parameters.Add(Parameter(dimension, value));
        }

        if (!parameters.Any(p => p.Key == UrlParameter.JobStatus))
        {
            parameters.Add(new(UrlParameter.JobStatus, jobStatus ?? EndedStates));
        }

        return MonitorUrls.Jobs(parameters);
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

    private static string Format(DateTime t) =>
        t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
