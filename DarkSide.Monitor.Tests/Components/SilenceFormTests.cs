using Bunit;
using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Web;
using DarkSide.Monitor.Web.Controls;
using Microsoft.Extensions.DependencyInjection;

namespace DarkSide.Monitor.Tests.Components;

/// <summary>
/// The silence form is offered to shifters and admins (the policy; IAM's mapping to it is tested through sign-in)
/// and only when an Alertmanager is configured; it posts the alert's labels, a duration and the return address.
/// </summary>
public sealed class SilenceFormTests
{
    private static IRenderedComponent<SilenceForm> Render(bool shifter, bool alertmanager)
    {
        var context = new BunitContext();
        var authorization = context.AddAuthorization();
        authorization.SetAuthorized("sam");
        if (shifter)
        {
            authorization.SetPolicies(MonitorClaims.ShifterPolicy);
        }

        context.Services.AddSingleton(new SilenceCapability(alertmanager));
        return context.Render<SilenceForm>(p =>
            p.Add(f => f.Matchers, [new("alertname", "SiteFailureRate"), new("computingsite", "RAL-DS")])
                .Add(f => f.ReturnUrl, "/alerts?computingsite=RAL-DS")
        );
    }

    [Fact]
    public void AShifter_GetsAFormPostingTheAlertsLabels()
    {
        var form = Render(shifter: true, alertmanager: true);

        Assert.Equal(MonitorUrls.AlertSilencesPath, form.Find("form").GetAttribute("action"));
        Assert.Equal("SiteFailureRate", form.Find("input[name=alertname]").GetAttribute("value"));
        Assert.Equal("RAL-DS", form.Find("input[name=computingsite]").GetAttribute("value"));
        Assert.Equal("/alerts?computingsite=RAL-DS", form.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.NotNull(form.Find("input[name=comment]").GetAttribute("required"));
        Assert.Equal("4", form.Find("select[name=hours] option[selected]").GetAttribute("value"));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void AMemberWhoIsNotAShifter_OrNoAlertmanager_GetsNoForm(bool shifter, bool alertmanager) =>
        Assert.Empty(Render(shifter, alertmanager).FindAll("form"));
}
