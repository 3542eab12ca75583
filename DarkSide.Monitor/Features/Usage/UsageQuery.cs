using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Web.Controls;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Features.Usage;

/// <summary>
/// Whole UTC days [From, To) for /usage and /memory: days=N is the last N days including today; date_from/date_to
/// name the days as in the job list (date_to exclusive), so "October" is date_from=2026-10-01&amp;date_to=2026-11-01.
/// </summary>
public sealed record UsageWindow(DateTime From, DateTime To, int? Days)
{
    /// <summary>The last <paramref name="days"/> whole UTC days, today included.</summary>
    public static UsageWindow LastDays(int days, DateTime nowUtc)
    {
        var today = UsageAggregator.DayFloor(nowUtc);
        return new UsageWindow(today.AddDays(1 - days), today.AddDays(1), days);
    }

    /// <summary>The same window as of a later instant: "the last N days" moves on at midnight, a range stays.</summary>
    public UsageWindow At(DateTime nowUtc) => Days is { } days ? LastDays(days, nowUtc) : this;

    public int DayCount => (int)(To - From).TotalDays;

    public string Text =>
        Days is { } n
            ? string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"the last {n} days ({From:yyyy-MM-dd} to {To.AddDays(-1):yyyy-MM-dd}, UTC)"
            )
            : string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{From:yyyy-MM-dd} to {To.AddDays(-1):yyyy-MM-dd} (UTC)"
            );

    public IEnumerable<DateTime> EachDay()
    {
        for (var day = From; day < To; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}

/// <summary>
/// A rolling window in hours for /sites and /site/{name} (hours=N or days=N; the rollups' hours start on the hour).
/// </summary>
public sealed record SiteWindow(DateTime From, DateTime AsOf, int Hours, string Parameter, int Value)
{
    /// <summary>
    /// Exactly the last <paramref name="hours"/> up to now, as the job list counts them, as the URL named them.
    /// </summary>
    public static SiteWindow Last(int hours, string parameter, int value, DateTime nowUtc)
    {
        var asOf = DateTime.SpecifyKind(nowUtc, DateTimeKind.Unspecified);
        return new SiteWindow(asOf.AddHours(-hours), asOf, hours, parameter, value);
    }

    /// <summary>/sites only: the queues to list, in the job list's grammar (CNAF*, A|B, !A).</summary>
    public string? SiteFilter { get; init; }

    /// <summary>date_from/date_to: a fixed range [From, AsOf) that live refreshes do not move.</summary>
    public bool IsRange { get; init; }

    /// <summary>The end of the rollups' hours to read, or null for "up to now".</summary>
    public DateTime? To => IsRange ? AsOf : null;

    /// <summary>The fixed range [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    public static SiteWindow Between(DateTime fromUtc, DateTime toUtc)
    {
        var from = DateTime.SpecifyKind(fromUtc, DateTimeKind.Unspecified);
        var to = DateTime.SpecifyKind(toUtc, DateTimeKind.Unspecified);
        var hours = (int)Math.Ceiling((to - from).TotalHours);
        return new SiteWindow(from, to, hours, "range", hours) { IsRange = true };
    }

    /// <summary>The same window as of a later instant, for a live refresh.</summary>
    public SiteWindow At(DateTime nowUtc) =>
        IsRange ? this : Last(Hours, Parameter, Value, nowUtc) with { SiteFilter = SiteFilter };
}

/// <summary>A dimension of the rollups that the URL may filter on and the tables group by.</summary>
public sealed record UsageDimension(string Parameter, string Column, string Title);

/// <summary>Which rows of the rollups a view reads: the window and exact-match filters on its dimensions.</summary>
public sealed record UsageQuery(UsageWindow Window, IReadOnlyList<(UsageDimension Dimension, string Value)> Filters)
{
    public string Metric { get; init; } = UsageMetrics.Default.Key;

    public UsageSort Sort { get; init; } = UsageSort.Default;

    /// <summary>/memory: the histogram's grouping (transformation or computingsite).</summary>
    public UsageDimension MemoryBy { get; init; } = UsageDimensions.Transformation;

    /// <summary>/memory: the orders of its tables, by <see cref="TableSortSpec.Parameter"/>.</summary>
    public IReadOnlyDictionary<string, TableSort> MemorySorts { get; init; } = new Dictionary<string, TableSort>();

    /// <summary>/memory: one table's order (its default when the URL has none).</summary>
    public TableSort MemorySort(TableSortSpec spec) => MemorySorts.GetValueOrDefault(spec.Parameter, spec.Default);

    public UsageQuery At(DateTime nowUtc) => this with { Window = Window.At(nowUtc) };
}

public static class UsageDimensions
{
    public static readonly UsageDimension ComputingSite = new("computingsite", "computingsite", "Site");
    public static readonly UsageDimension User = new("produsername", "produsername", "User");
    public static readonly UsageDimension WorkingGroup = new("workinggroup", "workinggroup", "Working group");
    public static readonly UsageDimension Transformation = new("transformation", "transformation", "Transformation");
    public static readonly UsageDimension Activity = new("activity", "activity", "Production / analysis");
    public static readonly UsageDimension ProcessingType = new("processingtype", "processingtype", "Processing type");
    public static readonly UsageDimension ResourceType = new("resource_type", "resource_type", "Resource type");
    public static readonly UsageDimension JobStatus = new("jobstatus", "jobstatus", "Job status");

    /// <summary>The tables of /usage, in page order; their totals are the same jobs counted five ways.</summary>
    public static readonly IReadOnlyList<UsageDimension> Tables =
    [
        ComputingSite,
        User,
        WorkingGroup,
        Transformation,
        Activity,
    ];

    /// <summary>Every filterable dimension; the column names are this whitelist, never the URL's text.</summary>
    public static readonly IReadOnlyList<UsageDimension> Filterable =
    [
        .. Tables,
        ProcessingType,
        ResourceType,
        JobStatus,
    ];

    /// <summary>
    /// prodsourcelabel folded as docs/panda-data.md ("prodsourcelabel") does: production, analysis, or other (tests and
    /// pilots).
    /// </summary>
    public const string ActivitySql =
        "CASE WHEN prodsourcelabel IN ('managed', 'prod_test') THEN 'production' WHEN prodsourcelabel IN "
        + "('user', 'panda') THEN 'analysis' ELSE 'other' END";

    public static readonly IReadOnlyList<string> Activities = ["production", "analysis", "other"];

    public static UsageDimension? Find(string parameter) =>
        Filterable.FirstOrDefault(d => string.Equals(d.Parameter, parameter, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A quantity of the per-site-per-day chart, with its unit for the axis.</summary>
public sealed record UsageMetric(string Key, string Title, string Unit, bool Stacked);

public static class UsageMetrics
{
    public static readonly UsageMetric CoreHours = new("corehours", "Core-hours", "core-hours", true);

    public static readonly UsageMetric Default = CoreHours;

    public static readonly IReadOnlyList<UsageMetric> All =
    [
        CoreHours,
        new("jobs", "Ended jobs", "jobs", true),
        new("hs06hours", "HS06-hours", "HS06-hours", true),
        new("efficiency", "CPU efficiency", "% of wall × cores", false),
        new("failurerate", "Failure rate", "% of finished + failed", false),
        new("events", "Events", "events", true),
        new("datain", "Data in", "GB", true),
        new("dataout", "Data out", "GB", true),
    ];

    public static UsageMetric? Find(string key) =>
        All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The order of the /usage tables: one column for all of them, so the tables read side by side.</summary>
public sealed record UsageSort(string Key, bool Descending)
{
    public static readonly UsageSort Default = new("corehours", true);

    public static readonly IReadOnlyList<string> Keys =
    [
        "name",
        "jobs",
        "corehours",
        "hs06hours",
        "efficiency",
        "failurerate",
        "failedcorehours",
        "events",
        "datain",
        "dataout",
    ];

    public override string ToString() => Key + (Descending ? "-desc" : "-asc");

    public static UsageSort? TryParse(string text)
    {
        var parts = text.Split('-', 2);
        var key = Keys.FirstOrDefault(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return null;
        }

        return parts.Length == 1
            ? new UsageSort(key, key != "name")
            : parts[1].ToLowerInvariant() switch
            {
                "asc" or "ascending" => new(key, false),
                "desc" or "descending" => new(key, true),
                _ => null,
            };
    }
}

public sealed record UsageParseResult(UsageQuery? Query, IReadOnlyList<ParameterError> Errors);

public sealed record SiteParseResult(SiteWindow? Window, IReadOnlyList<ParameterError> Errors)
{
    /// <summary>/sites only: the table's order (sortby=).</summary>
    public TableSort Sort { get; init; } = SiteSort.Spec.Default;

    /// <summary>/site/{name}: the order of its top errors (codes_sortby=).</summary>
    public TableSort Codes { get; init; } = JobErrorSort.Spec.Default;
}
