using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Live;

namespace DarkSide.Monitor.Tests.Unit.Alerts;

/// <summary>/alerts' URL as the page reads it: filters, states, window, each table's order; mistakes named.</summary>
public sealed class AlertsViewModelTests
{
    private static readonly DateTime Now = PandaTestDatabase.SeededAtUtc;

    private static AlertRow Row(string rule, string site, string severity, double value, int firedMinutesAgo) =>
        new(
            new AlertInstance(
                $"alertname={rule},computingsite={site}",
                rule,
                new Dictionary<string, string>
                {
                    ["alertname"] = rule,
                    ["computingsite"] = site,
                    ["severity"] = severity,
                },
                new Dictionary<string, string>(),
                value,
                AlertState.Firing,
                Now.AddMinutes(-firedMinutesAgo),
                Now.AddMinutes(-firedMinutesAgo),
                null,
                Now
            ),
            [],
            []
        );

    private static AlertsViewModel Read(string query)
    {
        var model = new AlertsViewModel(new FixedTime());
        model.Read("http://monitor/alerts" + query);
        return model;
    }

    private static AlertsReport Report(params AlertRow[] rows) =>
        new(Now, rows, [], [], [], new AlertDeliveryStatus(null, null, null, null, null, 0, null));

    [Fact]
    public void Filters_SelectByRuleSiteAndState_InTheJobListsGrammar()
    {
        var query = Read("?alertname=Site*&computingsite=CNAF*|RAL-DS&state=firing").Query!;

        Assert.True(query.Selects(Row("SiteFailureRate", "CNAF-DS-1", "page", 60, 5).Alert));
        Assert.True(query.Selects(Row("SiteFailureRate", "RAL-DS", "page", 60, 5).Alert));
        Assert.False(query.Selects(Row("ErrorBurst", "CNAF-DS-1", "warning", 30, 5).Alert));
        Assert.False(query.Selects(Row("SiteFailureRate", "LNGS-DS", "page", 60, 5).Alert));
        Assert.False(
            query.Selects(Row("SiteFailureRate", "RAL-DS", "page", 60, 5).Alert with { State = AlertState.Pending })
        );
    }

    [Theory]
    [InlineData("?state=burning", "state: 'burning' is not an alert state; expected firing, pending, resolved")]
    [InlineData("?site=RAL-DS", "site: is not a parameter of the alerts page; expected hours, days, date_from")]
    [InlineData("?sortby=colour", "sortby: 'colour' is not a sort order of this table")]
    [InlineData("?resolved_sortby=site-sideways", "resolved_sortby: 'site-sideways'")]
    [InlineData("?hours=0", "hours")]
    public void AMistake_IsNamedWithWhatIsExpected(string query, string expected)
    {
        var model = Read(query);

        Assert.Null(model.Query);
        Assert.Contains(model.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Alerts_AreWorstFirstByDefault_AndSortByTheirHeaders()
    {
        // As the repository gives them: the longest firing first.
        var rows = new[]
        {
            Row("ErrorBurst", "A", "warning", 30, 50),
            Row("SiteFailureRate", "C", "page", 90, 20),
            Row("SiteFailureRate", "B", "page", 60, 5),
        };
        var byDefault = Read("");
        byDefault.Apply(new LiveState<AlertsReport>(Report(rows), Now, null, 1));
        var byValue = Read("?sortby=value");
        byValue.Apply(new LiveState<AlertsReport>(Report(rows), Now, null, 1));

        // Pages first, the longest firing of them first.
        Assert.Equal(["C", "B", "A"], byDefault.Firing.Select(r => r.Alert.Label("computingsite")));
        Assert.Equal(
            ["C", "B", "A"],
            byValue.Firing.Select(r =>
                r.Alert.Value switch
                {
                    90 => "C",
                    60 => "B",
                    _ => "A",
                }
            )
        );
        Assert.Contains("sortby=value-asc", byValue.AlertOrder.Url("value"));
    }

    [Fact]
    public void AnotherOrder_KeepsTheReport_AnotherSelectionDropsIt()
    {
        var model = Read("?computingsite=A");
        model.Apply(new LiveState<AlertsReport>(Report(Row("ErrorBurst", "A", "warning", 30, 5)), Now, null, 1));

        model.Read("http://monitor/alerts?computingsite=A&sortby=rule");
        Assert.NotNull(model.Report);
        Assert.DoesNotContain(model.Selection, p => p.Key == "sortby");

        model.Read("http://monitor/alerts?computingsite=B");
        Assert.Null(model.Report);
    }
}
