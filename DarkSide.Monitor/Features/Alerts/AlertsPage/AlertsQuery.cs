using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;
using Microsoft.Extensions.Primitives;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>
/// /alerts' URL: which alerts (rule, site, state, each in the job list's text grammar) and how far back resolved
/// alerts are listed (hours=, days= or a range; the last 24 hours by default).
/// </summary>
public sealed record AlertsQuery(
    TimeWindow Window,
    TextPattern? AlertName,
    TextPattern? Site,
    IReadOnlySet<AlertState> States
)
{
    public const string AlertNameParameter = "alertname";
    public const string StateParameter = "state";

    public static readonly WindowPolicy Policy = WindowPolicy.Hours(24) with { MaxDays = 90 };

    public static readonly IReadOnlyList<string> StateNames = ["firing", "pending", "resolved"];

    public static readonly IReadOnlySet<AlertState> AllStates = new HashSet<AlertState>
    {
        AlertState.Firing,
        AlertState.Pending,
        AlertState.Resolved,
    };

    /// <summary>Whether an alert of these labels and this state is asked for.</summary>
    public bool Selects(AlertInstance alert) =>
        States.Contains(alert.State)
        && (AlertName?.Matches(alert.Rule) ?? true)
        && (Site?.Matches(alert.Label(AlertLabels.ComputingSite)) ?? true);

    /// <summary>Resolved alerts are listed back to here.</summary>
    public DateTime ResolvedSinceUtc(DateTime nowUtc) =>
        Window.Duration is { } span ? nowUtc - span : Window.FromUtc!.Value;

    public DateTime ResolvedUntilUtc(DateTime nowUtc) => Window.ToUtc ?? nowUtc;

    public static (AlertsQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(
        IReadOnlyDictionary<string, StringValues> query,
        DateTime nowUtc
    )
    {
        var errors = new List<ParameterError>();
        var values = QueryValues.ReadSingle(query, errors);
        string[] known =
        [
            .. Policy.Parameters,
            AlertNameParameter,
            UrlParameter.ComputingSite,
            StateParameter,
            .. AlertsTableOrders.Parameters,
        ];
        foreach (var name in values.Keys.Where(k => !known.Contains(k)))
        {
            errors.Add(new(name, $"is not a parameter of the alerts page; expected {string.Join(", ", known)}."));
        }

        var states = AllStates;
        if (values.TryGetValue(StateParameter, out var stateText))
        {
            var named = stateText.Split('|');
            var unknown = named.Where(s => !StateNames.Contains(s)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(
                    new(
                        StateParameter,
                        $"'{string.Join("|", unknown)}' is not an alert state; expected {string.Join(", ", StateNames)}"
                            + " (several joined by '|')."
                    )
                );
            }

            states = named
                .Where(StateNames.Contains)
                .Select(s => Enum.Parse<AlertState>(s, ignoreCase: true))
                .ToHashSet();
        }

        var window = TimeWindowParser.Parse(values, Policy, nowUtc, errors);
        return errors.Count > 0 || window is null
            ? (null, errors)
            : (
                new AlertsQuery(
                    window,
                    Pattern(values, AlertNameParameter),
                    Pattern(values, UrlParameter.ComputingSite),
                    states
                ),
                errors
            );
    }

    private static TextPattern? Pattern(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && text.Length > 0 ? TextPattern.Parse(text) : null;
}
