using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Web.Filters;

/// <summary>The job list's filter bar, shared with the error view (same grammar, same windows).</summary>
public static class JobFilters
{
    /// <summary>The states a shifter filters on most, in PanDA's lifecycle order.</summary>
    public static readonly IReadOnlyList<string> StatusChoices = PandaJobStatus
        .Lifecycle.Where(s => s != "waiting")
        .ToList();

    public static readonly IReadOnlyList<FilterField> Fields =
    [
        new(UrlParameter.ComputingSite, "Site", "CNAF* or A|B"),
        new(UrlParameter.ProdUserName, "User", "name or !name"),
        new(UrlParameter.JediTaskId, "Task ID", "42 or 42|43"),
        new(UrlParameter.WorkingGroup, "Working group", "AP_* or Not specified"),
    ];

    /// <param name="deepQuery">The URL names jobs by ID without a window: all of history is searched.</param>
    public static FilterBarSpec ForJobs(JobListOptions options, bool deepQuery) =>
        new()
        {
            Path = MonitorUrls.JobsPath,
            Fields = Fields,
            DefaultWindowLabel = deepQuery ? "all of history" : FilterWindows.Label(options.DefaultHours),
            Statuses = StatusChoices,
        };

    public static FilterBarSpec ForErrors(ErrorViewOptions options, bool deepQuery) =>
        new()
        {
            Path = MonitorUrls.ErrorsPath,
            Fields = Fields,
            DefaultWindowLabel = deepQuery ? "all of history" : FilterWindows.Label(options.ErrorsDefaultHours),
        };
}
