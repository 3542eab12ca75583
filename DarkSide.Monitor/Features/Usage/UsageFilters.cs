using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Filters;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// The coordinator views' filter bars: whole days for the daily rollups (/usage, /memory), hours for the hourly
/// ones (/sites, /site/{name}); every text field takes the job list's grammar.
/// </summary>
public static class UsageFilters
{
    private static readonly FilterField Site = new(UrlParameter.ComputingSite, "Site", "CNAF* or A|B");

    public static readonly FilterBarSpec Usage = new()
    {
        Path = MonitorUrls.UsagePath,
        Fields =
        [
            Site,
            new(UrlParameter.ProdUserName, "User", "name or !name"),
            new(UrlParameter.WorkingGroup, "Working group", "AP_* or Not specified"),
            new(UrlParameter.JobStatus, "Job status", "finished|failed"),
        ],
        Windows = FilterWindows.Days,
        Range = FilterRange.Days,
        DefaultWindowLabel = FilterWindows.Label(UsageQueryParser.DefaultDays * 24),
    };

    public static readonly FilterBarSpec Memory = Usage with
    {
        Path = MonitorUrls.MemoryPath,
        Fields = [Site, new(UrlParameter.Transformation, "Transformation", "*sim*")],
    };

    public static readonly FilterBarSpec Sites = new()
    {
        Path = MonitorUrls.SitesPath,
        Fields = [Site],
        DefaultWindowLabel = FilterWindows.Label(UsageQueryParser.DefaultSiteHours),
    };

    public static FilterBarSpec ForSite(string computingSite) =>
        Sites with
        {
            Path = MonitorUrls.Site(computingSite, []),
            Fields = [],
        };
}
