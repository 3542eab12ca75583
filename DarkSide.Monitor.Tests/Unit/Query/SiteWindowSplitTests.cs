using DarkSide.Monitor.Features.Usage;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>Which parts of a site view's exact window come from the rollups, and which from PanDA.</summary>
[Trait("Kind", "Unit")]
public sealed class SiteWindowSplitTests
{
    private static readonly DateTime Day = new(2026, 12, 7);

    public static TheoryData<string, string, string?, string> Cases =>
        new()
        {
            // from, to, watermark → rollup hours | live ranges
            { "01:38", "07:38", "07:37", "02:00-07:00 | 01:38-02:00 07:00-07:38" },
            // Whole hours, rollups complete to the end: nothing live.
            { "01:00", "07:00", "07:05", "01:00-07:00 | " },
            // Rollups a few minutes behind the hour: the last whole hour is read live as well.
            { "01:38", "07:38", "06:55", "02:00-06:00 | 01:38-02:00 06:00-07:38" },
            // Inside one hour: all live.
            { "07:10", "07:50", "07:49", "08:00-08:00 | 07:10-07:50" },
            // Rollups never ran: the part-hours live, whole hours from the (empty) rollups; the status line says so.
            { "01:38", "07:38", null, "02:00-07:00 | 01:38-02:00 07:00-07:38" },
            // Rollups 5 h behind: not made up from PanDA; only the part-hours are.
            { "00:30", "07:38", "02:10", "01:00-07:00 | 00:30-01:00 07:00-07:38" },
            // A fixed range that ended before the watermark.
            { "01:15", "04:45", "07:37", "02:00-04:00 | 01:15-02:00 04:00-04:45" },
        };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SplitWindow_ReadsWholeCompleteHoursFromTheRollups_AndTheRestFromPanda(
        string from,
        string to,
        string? watermark,
        string expected
    )
    {
        var split = SiteEndedJobs.SplitWindow(At(from), At(to), watermark is null ? null : At(watermark));

        var live = string.Join(" ", split.Live.Select(r => $"{r.From:HH:mm}-{r.To:HH:mm}"));
        Assert.Equal(expected, $"{split.RolledFrom:HH:mm}-{split.RolledTo:HH:mm} | {live}");
    }

    [Fact]
    public void SplitWindow_CoversTheWindowOnce()
    {
        for (var minutes = 0; minutes < 600; minutes += 7)
        {
            var (from, to) = (Day.AddMinutes(minutes), Day.AddMinutes(minutes + 361));
            var split = SiteEndedJobs.SplitWindow(from, to, to.AddMinutes(-3));
            var parts = split
                .Live.Append((From: split.RolledFrom, To: split.RolledTo))
                .Where(p => p.From < p.To)
                .OrderBy(p => p.From)
                .ToList();
            Assert.Equal(from, parts[0].From);
            Assert.Equal(to, parts[^1].To);
            for (var i = 1; i < parts.Count; i++)
            {
                Assert.Equal(parts[i - 1].To, parts[i].From);
            }
        }
    }

    private static DateTime At(string time) =>
        Day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
}
