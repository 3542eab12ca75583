using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Account;

/// <summary>
/// What the monitor saw in the user's token and what it made of it: the page an IAM administrator opens when a user
/// says "I can't see blind data".
/// </summary>
public sealed partial class Account
{
    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    public required IOptions<IamOptions> Options { get; init; }

    [Inject]
    public required IViewerAccessProvider Viewers { get; init; }

    [Inject]
    public required IOptions<DevelopmentViewerOptions> DevelopmentViewer { get; init; }

    private AccountModel? Model { get; set; }

    [SupplyParameterFromQuery(Name = UrlParameter.SortBy)]
    public string? SortText { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The stated claims' order: by claim, as the token listed them within a claim.</summary>
    private static readonly SortColumns<(string Claim, string Value)> StatedColumns = new(
        UrlParameter.SortBy,
        new TableSort(ClaimKey, false),
        new(ClaimKey, c => c.Claim, IsName: true),
        new(ValueKey, c => c.Value, IsName: true)
    );

    private const string ClaimKey = "claim";
    private const string ValueKey = "value";

    private TableOrder StatedOrder { get; set; } = TableOrder.Default(StatedColumns.Spec, "/account");

    private IReadOnlyList<ParameterError> SortErrors { get; set; } = [];

    protected override void OnParametersSet()
    {
        var errors = new List<ParameterError>();
        StatedOrder = TableOrder.Read(StatedColumns.Spec, UrlQuery.FromUri(Navigation.Uri), errors);
        SortErrors = errors;
    }

    private IEnumerable<(string Claim, string Value)> Stated(AccountModel model) =>
        StatedColumns.Apply(StatedOrder.Sort, model.Stated);

    protected override async Task OnInitializedAsync()
    {
        if (Options.Value.Mode == SignInMode.DevelopmentViewer)
        {
            var viewer = await Viewers.GetViewerAsync(CancellationToken.None);
            Model = new AccountModel(
                viewer.Name,
                "no sign-in",
                true,
                viewer.CanSeeBlindData,
                viewer.IsAdmin,
                DevelopmentViewer.Value.Shifter || viewer.IsAdmin,
                [
                    "Iam:Mode is DevelopmentViewer: nobody signs in, every request acts as DevelopmentViewer "
                        + "(Development only).",
                ],
                "none",
                [],
                [],
                [],
                SignedIn: false
            );
            return;
        }

        var user = (await AuthenticationState!).User;
        Model = new AccountModel(
            MonitorClaims.DisplayName(user),
            user.FindFirst("sub")?.Value ?? "",
            MonitorClaims.Has(user, MonitorClaims.Member),
            MonitorClaims.Has(user, MonitorClaims.Blind),
            MonitorClaims.Has(user, MonitorClaims.Admin),
            MonitorClaims.Has(user, MonitorClaims.Shifter) || MonitorClaims.Has(user, MonitorClaims.Admin),
            user.FindAll(MonitorClaims.Reason).Select(c => c.Value).ToList(),
            user.FindFirst(MonitorClaims.Profile)?.Value ?? "",
            user.FindAll(MonitorClaims.Group).Select(c => c.Value).ToList(),
            user.Claims.Where(c =>
                    MonitorClaims.RawGroupClaims.Contains(c.Type) || c.Type == IamGroupNormaliser.WlcgVersion
                )
                .Select(c => (c.Type, c.Value))
                .ToList(),
            user.FindAll(MonitorClaims.Rejected).Select(c => c.Value).ToList(),
            SignedIn: true
        );
    }

    private sealed record AccountModel(
        string Name,
        string Subject,
        bool IsMember,
        bool CanSeeBlindData,
        bool IsAdmin,
        bool MaySilence,
        IReadOnlyList<string> Reasons,
        string Profile,
        IReadOnlyList<string> Groups,
        IReadOnlyList<(string Claim, string Value)> Stated,
        IReadOnlyList<string> Rejected,
        bool SignedIn
    );
}
