using System.Globalization;
using DarkSide.Monitor.Audit;
using DarkSide.Monitor.Jobs.Query;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Components.Pages;

/// <summary>The audit trail for admins, filtered by the URL's user, action and days.</summary>
public sealed partial class AdminAudit
{
    private const int PageSize = 100;

    [SupplyParameterFromQuery(Name = "user")]
    public string? UserFilter { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? ActionFilter { get; set; }

    [SupplyParameterFromQuery(Name = "days")]
    public string? DaysText { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public string? PageText { get; set; }

    [Inject]
    public required AuditLog Audit { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private List<string> Problems { get; } = [];

    private IReadOnlyList<AuditEntry>? Entries { get; set; }

    private long Total { get; set; }

    private int Days { get; set; } = 7;

    private int PageNumber { get; set; } = 1;

    private int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    protected override async Task OnParametersSetAsync()
    {
        Problems.Clear();
        Entries = null;
        Days = Whole(DaysText, "days", 7, 3650);
        PageNumber = Whole(PageText, "page", 1, JobQueryParser.MaxPageOffset / PageSize);
        if (UserFilter is { } user && user.Any(char.IsControl))
        {
            Problems.Add("user contains a control character; expected printable text.");
        }
        if (ActionFilter is not null && !AuditActions.All.Contains(ActionFilter))
        {
            Problems.Add($"action '{ActionFilter}' is not an audited action; expected {string.Join(" or ", AuditActions.All)}.");
        }

        if (Problems.Count == 0)
        {
            (Entries, Total) = await Audit.SearchAsync(UserFilter, ActionFilter, Days, PageNumber, PageSize, Time.GetUtcNow().UtcDateTime, CancellationToken.None);
        }
    }

    private int Whole(string? text, string name, int fallback, int max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        Problems.Add($"{name} '{text}' is not valid; expected a whole number from 1 to {max}.");
        return fallback;
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

        Add("user", user ?? UserFilter);
        Add("action", action ?? ActionFilter);
        Add("days", DaysText);
        Add("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return Model.MonitorUrls.AdminAudit(parameters);
    }
}
