using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>The overview's URL: its window (hours= back from now, or a range) and the site table's order.</summary>
public sealed record OverviewQuery(TimeWindow Window, TableSort Sort)
{
    /// <summary>The stalled jobs' order (stalled_sortby=).</summary>
    public TableSort Stalled { get; init; } = StalledSort.Default;

    /// <summary>The top errors' order (codes_sortby=).</summary>
    public TableSort Codes { get; init; } = JobErrorSort.Spec.Default;

    public const string StalledPandaId = "pandaid";
    public const string StalledInState = "instate";
    public const string StalledStatus = "jobstatus";
    public const string StalledSite = "computingsite";
    public const string StalledUser = "produsername";
    public const string StalledTask = "jeditaskid";

    /// <summary>The stalled jobs, longest in their state first.</summary>
    public static readonly SortColumns<StalledJob> StalledColumns = new(
        "stalled_sortby",
        new TableSort(StalledInState, true),
        new(StalledPandaId, j => j.PandaId),
        new(StalledInState, j => -j.StateChangeTime.Ticks),
        new(StalledStatus, j => j.JobStatus, IsName: true),
        new(StalledSite, j => j.Site, IsName: true),
        new(StalledUser, j => j.User, IsName: true),
        new(StalledTask, j => j.JediTaskId)
    );

    public static TableSortSpec StalledSort => StalledColumns.Spec;

    /// <summary>The choices the page offers; hours= takes any whole number up to a week.</summary>
    public static readonly IReadOnlyList<int> HourChoices = [1, 3, 6, 12, 24, 48];

    public const string SiteKey = "site";

    public const string FailureKey = "failurerate";

    public const string TopErrorKey = "toperror";

    /// <summary>
    /// The site table sorts by name, failure % (first, worst first) or any state's count.
    /// </summary>
    public static readonly TableSortSpec SiteSort = new(
        [SiteKey, FailureKey, TopErrorKey, .. PandaJobStatus.Lifecycle],
        new TableSort(FailureKey, true),
        SiteKey
    );

    public static readonly WindowPolicy Policy = WindowPolicy.Hours(24) with { MaxDays = 7, MaxRangeDays = 7 };

    /// <summary>The window's [from, to) as of <paramref name="nowUtc"/>, pinned to whole seconds.</summary>
    public (DateTime FromUtc, DateTime ToUtc) Bounds(DateTime nowUtc)
    {
        var asOf = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return Window.Duration is { } span ? (asOf - span, asOf) : (Window.FromUtc!.Value, Window.ToUtc ?? asOf);
    }

    /// <summary>What a shared live feed is keyed by: the window, not the order.</summary>
    public string FeedKey =>
        Window.Duration is { } span
            ? span.TotalSeconds.ToString(CultureInfo.InvariantCulture)
            : $"{Window.FromUtc:O}/{Window.ToUtc:O}";

    public static (OverviewQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(
        IReadOnlyDictionary<string, StringValues> query,
        DateTime nowUtc
    )
    {
        var errors = new List<ParameterError>();
        var values = QueryValues.ReadSingle(query, errors);
        string[] known =
        [
            .. Policy.Parameters,
            UrlParameter.SortBy,
            StalledSort.Parameter,
            JobErrorSort.Spec.Parameter,
        ];
        foreach (var name in values.Keys.Where(k => !known.Contains(k)))
        {
            errors.Add(new(name, $"is not a parameter of the overview; expected {string.Join(", ", known)}."));
        }

        var sort = SiteSort.Parse(values, errors);
        var stalled = StalledSort.Parse(values, errors);
        var codes = JobErrorSort.Spec.Parse(values, errors);
        var window = TimeWindowParser.Parse(values, Policy, nowUtc, errors);
        return errors.Count > 0 || window is null
            ? (null, errors)
            : (new OverviewQuery(window, sort) { Stalled = stalled, Codes = codes }, errors);
    }
}
