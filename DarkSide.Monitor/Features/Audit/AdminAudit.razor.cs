using System.Globalization;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Filters;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Audit;

/// <summary>The audit trail for admins, filtered by the URL's user, action and days.</summary>
public sealed partial class AdminAudit
{
    private const int PageSize = AuditQuery.PageSize;

    [SupplyParameterFromQuery(Name = UrlParameter.User)]
    public string? UserFilter { get; set; }

    [SupplyParameterFromQuery(Name = UrlParameter.Action)]
    public string? ActionFilter { get; set; }

    [SupplyParameterFromQuery(Name = UrlParameter.Days)]
    public string? DaysText { get; set; }

    [SupplyParameterFromQuery(Name = UrlParameter.DateFrom)]
    public string? DateFromText { get; set; }

    [SupplyParameterFromQuery(Name = UrlParameter.DateTo)]
    public string? DateToText { get; set; }

    [SupplyParameterFromQuery(Name = UrlParameter.Page)]
    public string? PageText { get; set; }

    [SupplyParameterFromQuery(Name = UrlParameter.SortBy)]
    public string? SortText { get; set; }

    [Inject]
    public required AuditLog Audit { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IViewerAccessProvider Viewers { get; init; }

    /// <summary>False: blind-only values in the targets are withheld (see <see cref="AuditRedaction"/>).</summary>
    private bool ShowsBlindValues { get; set; }

    private AuditQuery Selection { get; set; } = AuditQuery.Parse(null, null, null, null);

    private IReadOnlyList<string> Problems => Selection.Problems;

    private IReadOnlyList<AuditEntry>? Entries { get; set; }

    private long Total { get; set; }

    private int PageNumber => Selection.Page;

    private int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    private IReadOnlyList<KeyValuePair<string, string>> UrlParameters => UrlQuery.FromUri(Navigation.Uri).Parameters;

    private static readonly FilterBarSpec FilterSpec = new()
    {
        Path = MonitorUrls.AdminAuditPath,
        Fields =
        [
            new(UrlParameter.User, "User", "alice or ali*|bob"),
            new(UrlParameter.Action, "Action", string.Join(" or ", AuditActions.All.Take(2)) + " …"),
        ],
        Windows = FilterWindows.Days,
        Range = FilterRange.Instants,
        DefaultWindowLabel = FilterWindows.Label(7 * 24),
    };

    private string CsvUrl => MonitorUrls.AdminAuditCsvPath + new Uri(Navigation.Uri).Query;

    protected override async Task OnParametersSetAsync()
    {
        Entries = null;
        Selection = AuditQuery.Parse(
            UserFilter,
            ActionFilter,
            DaysText,
            PageText,
            DateFromText,
            DateToText,
            Time.GetUtcNow().UtcDateTime,
            SortText
        );
        if (Problems.Count == 0)
        {
            var viewer = await Viewers.GetViewerAsync(CancellationToken.None);
            ShowsBlindValues = viewer.CanSeeBlindData;
            var (entries, total) = await Audit.SearchAsync(
                Selection.Selection(Time.GetUtcNow().UtcDateTime),
                PageSize,
                CancellationToken.None
            );
            (Entries, Total) = (entries.Select(e => AuditRedaction.For(e, viewer)).ToList(), total);
        }
    }

    /// <summary>A header's link: the trail in the other order of its column, from the first page.</summary>
    private string SortUrl(string key) => Url(sortBy: AuditQuery.SortSpec.Next(Selection.Sort, key).ToString());

    private string SortMark(string key) => TableSortSpec.Mark(Selection.Sort, key);

    private const string NotSortable =
        "Not sortable: it may name blind data, which viewers without blind access see withheld.";

    private string Url(string? user = null, string? action = null, int page = 1, string? sortBy = null)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parameters.Add(new(name, value));
            }
        }

        Add(UrlParameter.User, user ?? UserFilter);
        Add(UrlParameter.Action, action ?? ActionFilter);
        Add(UrlParameter.Days, DaysText);
        Add(UrlParameter.DateFrom, DateFromText);
        Add(UrlParameter.DateTo, DateToText);
        Add(UrlParameter.Page, page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        Add(UrlParameter.SortBy, sortBy ?? SortText);
        return MonitorUrls.AdminAudit(parameters);
    }
}
