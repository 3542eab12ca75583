using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Features.Audit;
using DarkSide.Monitor.Panda.Blinding;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>
/// The audit trail's targets for an admin without blind access: every parameter stays, values only where they can
/// never be blind; a blind-access admin sees the target as stored.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class AuditRedactionTests
{
    private static readonly ViewerAccess Admin = new("admin", CanSeeBlindData: false, IsAdmin: true);
    private static readonly ViewerAccess BlindAdmin = new("root", CanSeeBlindData: true, IsAdmin: true);

    [Theory]
    [InlineData("/jobs/csv?proddblock=blind:blind.ds20k.run012793.raw", "/jobs/csv?proddblock=(withheld)")]
    [InlineData(
        "/jobs?computingsite=CNAF*&jobname=ds20k.run0127*&hours=6",
        "/jobs?computingsite=CNAF*&jobname=(withheld)&hours=6"
    )]
    [InlineData(
        "/jobs?errormessage=Input%20file%20blind.ds20k&jobstatus=failed",
        "/jobs?errormessage=(withheld)&jobstatus=failed"
    )]
    [InlineData("/tasks/csv?taskname=blind.ds20k*&status=done", "/tasks/csv?taskname=(withheld)&status=done")]
    [InlineData("/jobs?JOBNAME=secret", "/jobs?JOBNAME=(withheld)")]
    [InlineData("/search?q=blind.ds20k.run012793", "/search?q=(withheld)")]
    [InlineData("/jobs?blind.ds20k.run012793=1&json", "/jobs?(withheld)=(withheld)&json")]
    [InlineData("/jobs?jobname%3Dx=y", "/jobs?(withheld)=(withheld)")]
    [InlineData("/jobs?destinationdblock", "/jobs?destinationdblock")]
    [InlineData("/jobs?pandaid=7&sortby=jobname-asc&page=2", "/jobs?pandaid=7&sortby=jobname-asc&page=2")]
    [InlineData("GET /task/31042", "GET /task/31042")]
    [InlineData("/job/5000000123", "/job/5000000123")]
    public void Target_WithholdsEveryValueThatMayBeBlind(string stored, string shown)
    {
        var entry = new AuditEntry(1, DateTime.UtcNow, "analyst", null, AuditActions.BlindView, stored, "x", null);

        Assert.Equal(shown, AuditRedaction.For(entry, Admin).Target);
        Assert.Equal(stored, AuditRedaction.For(entry, BlindAdmin).Target);
    }

    [Fact]
    public void OpenParameters_HoldNoBlindOnlyField()
    {
        foreach (var field in DarkSide.Monitor.Panda.Query.JobFields.All.Where(f => f.BlindOnly))
        {
            Assert.DoesNotContain(field.Parameter, AuditRedaction.OpenParameters);
        }

        Assert.DoesNotContain("taskname", AuditRedaction.OpenParameters);
        Assert.DoesNotContain("errormessage", AuditRedaction.OpenParameters);
    }
}
