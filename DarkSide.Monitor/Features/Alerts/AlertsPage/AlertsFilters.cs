using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Filters;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// /alerts' filter bar: rule and site in the job list's grammar, the states, how far back resolved ones go.
/// </summary>
public static class AlertsFilters
{
    public static readonly FilterBarSpec Page = new()
    {
        Path = MonitorUrls.AlertsPath,
        Fields =
        [
            new(AlertsQuery.AlertNameParameter, "Rule", "SiteFailureRate or Error*"),
            new(UrlParameter.ComputingSite, "Site", "CNAF* or A|B"),
        ],
        Statuses = AlertsQuery.StateNames,
        StatusParameter = AlertsQuery.StateParameter,
        DefaultWindowLabel = FilterWindows.Label(24),
    };
}
