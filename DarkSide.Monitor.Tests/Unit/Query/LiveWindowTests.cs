using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>
/// Pages parse their URL once; each live refresh moves the parsed window to its own instant, as a re-parse would.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class LiveWindowTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 23, 40, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Now.AddHours(3);

    [Theory]
    [InlineData("?days=7")]
    [InlineData("")]
    [InlineData("?date_from=2026-06-01&date_to=2026-06-10")]
    public void UsageWindow_At_EqualsTheUrlParsedAtThatInstant(string url)
    {
        var parsed = UsageQueryParser.Parse(QueryHelpers.ParseQuery(url), Now, UsageView.Usage).Query!;
        var reparsed = UsageQueryParser.Parse(QueryHelpers.ParseQuery(url), Later, UsageView.Usage).Query!;

        Assert.Equal(reparsed.Window, parsed.At(Later).Window);
    }

    [Theory]
    [InlineData("?hours=6")]
    [InlineData("?days=2")]
    [InlineData("")]
    [InlineData("?date_from=2026-11-01&date_to=2026-11-03")]
    public void SiteWindow_At_EqualsTheUrlParsedAtThatInstant(string url)
    {
        var parsed = UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery(url), Now).Window!;
        var reparsed = UsageQueryParser.ParseSiteWindow(QueryHelpers.ParseQuery(url), Later).Window!;

        Assert.Equal(reparsed, parsed.At(Later));
    }

    [Theory]
    [InlineData("?days=3", true)]
    [InlineData("", true)]
    [InlineData("?jeditaskid=42", false)]
    public void TaskQuery_At_EqualsTheUrlParsedAtThatInstant(string url, bool windowed)
    {
        var parsed = TaskQueryParser.Parse(QueryHelpers.ParseQuery(url), Now).Query!;
        var reparsed = TaskQueryParser.Parse(QueryHelpers.ParseQuery(url), Later).Query!;

        var moved = parsed.At(Later);

        Assert.Equal((reparsed.AsOfUtc, reparsed.FromUtc), (moved.AsOfUtc, moved.FromUtc));
        Assert.Equal(windowed, moved.FromUtc is not null);
    }
}
