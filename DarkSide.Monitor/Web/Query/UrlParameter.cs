namespace DarkSide.Monitor.Web.Query;

/// <summary>
/// Every URL parameter the monitor reads or writes, by name (BigPanDA's spelling where it has one). Parsers and link
/// builders both use these, so a link and the page it opens cannot disagree about a name.
/// </summary>
public static class UrlParameter
{
    // Window, paging and order: every list.
    public const string Hours = "hours";
    public const string Days = "days";
    public const string DateFrom = "date_from";
    public const string DateTo = "date_to";
    public const string Page = "page";
    public const string DisplayLimit = "display_limit";
    public const string Limit = "limit";
    public const string SortBy = "sortby";
    public const string SummarySort = "summarysort";

    /// <summary>The order of a page's error-code table (its main table has sortby=).</summary>
    public const string CodesSortBy = "codes_sortby";

    // The job list's own switches.
    public const string Mode = "mode";
    public const string FullList = "fulllist";
    public const string ErrorMessage = "errormessage";
    public const string Json = "json";

    // Job attributes (JobFields holds every filterable one; these are the ones links name).
    public const string PandaId = "pandaid";
    public const string JediTaskId = "jeditaskid";
    public const string JobName = "jobname";
    public const string ReqId = "reqid";
    public const string AttemptNr = "attemptnr";
    public const string JobStatus = "jobstatus";
    public const string ComputingSite = "computingsite";
    public const string ProdUserName = "produsername";
    public const string Transformation = "transformation";
    public const string WorkingGroup = "workinggroup";
    public const string ProdSourceLabel = "prodsourcelabel";

    // Tasks.
    public const string Status = "status";
    public const string UserName = "username";
    public const string TaskName = "taskname";

    // Coordinator views.
    public const string Metric = "metric";
    public const string By = "by";
    public const string Table = "table";

    // The audit trail.
    public const string User = "user";
    public const string Action = "action";
}
