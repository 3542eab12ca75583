using System.Globalization;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Query;
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

    [SupplyParameterFromQuery(Name = UrlParameter.Page)]
    public string? PageText { get; set; }

    [Inject]
    public required AuditLog Audit { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private AuditQuery Selection { get; set; } = AuditQuery.Parse(null, null, null, null);

    private IReadOnlyList<string> Problems => Selection.Problems;

    private IReadOnlyList<AuditEntry>? Entries { get; set; }

    private long Total { get; set; }

    private int PageNumber => Selection.Page;

    private int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    private string CsvUrl => DarkSide.Monitor.Web.MonitorUrls.AdminAuditCsvPath + new Uri(Navigation.Uri).Query;

    protected override async Task OnParametersSetAsync()
    {
        Entries = null;
        Selection = AuditQuery.Parse(UserFilter, ActionFilter, DaysText, PageText);
        if (Problems.Count == 0)
        {
            (Entries, Total) = await Audit.SearchAsync(
                Selection,
                PageSize,
                Time.GetUtcNow().UtcDateTime,
                CancellationToken.None
            );
        }
    }

    private string Url(string? user = null, string? action = null, int page = 1)
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
        Add(UrlParameter.Page, page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return DarkSide.Monitor.Web.MonitorUrls.AdminAudit(parameters);
    }
}
