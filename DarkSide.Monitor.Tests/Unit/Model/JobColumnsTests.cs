using System.Text.RegularExpressions;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Tests.Unit.Model;

/// <summary>
/// The job list's one column table: a row has a cell per column, in the header's order, and its job-name line spans
/// them all; every value a row shows is encoded.
/// </summary>
[Trait("Kind", "Unit")]
public sealed partial class JobColumnsTests
{
    private static readonly DateTime AsOf = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    // A job as PanDA leaves one that never started: no site, no transformation, no task, NULL owner name.
    private static readonly JobListRow NeverStarted = new()
    {
        PandaId = 6100000042,
        PandaTable = "jobsactive4",
        IsBlind = false,
        IsRedacted = false,
        JobStatus = "defined",
        CreationTime = AsOf.AddHours(-1),
        ModificationTime = AsOf.AddMinutes(-5),
    };

    [GeneratedRegex("<td class=\"([a-z-]+)\"")]
    private static partial Regex CellClass();

    [GeneratedRegex("colspan=\"(\\d+)\"")]
    private static partial Regex ColSpan();

    private static string Cells(JobRowMarkup row) => row.Cells;

    [Fact]
    public void ARow_HasACellPerColumn_InTheHeadersOrder()
    {
        var site = NeverStarted with { ComputingSite = "CNAF-DS", ProdUserName = "arossi", JediTaskId = 31042 };
        foreach (var job in new[] { NeverStarted, site })
        {
            var row = JobRowMarkup.For(job, AsOf, (name, value) => $"/jobs?{name}={value}");

            Assert.Equal(
                JobColumns.All.Select(c => c.CssClass),
                CellClass().Matches(Cells(row)).Select(m => m.Groups[1].Value)
            );
            Assert.Equal(JobColumns.All.Count, int.Parse(ColSpan().Match(row.SubRow).Groups[1].Value));
        }
    }

    [Fact]
    public void EveryColumn_HasAHeader_AndItsOwnClass()
    {
        Assert.All(JobColumns.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Title)));
        Assert.Equal(JobColumns.All.Count, JobColumns.All.Select(c => c.CssClass).Distinct().Count());
    }

    [Fact]
    public void AJobOfAnotherYear_ShowsItsYear_OneOfThisYearDoesNot()
    {
        var old = NeverStarted with { CreationTime = new DateTime(2024, 11, 7, 7, 21, 20), ModificationTime = AsOf };

        var cells = JobRowMarkup.For(old, AsOf, (_, _) => "/jobs").Cells;

        Assert.Contains(">2024-11-07 07:21</span>", cells, StringComparison.Ordinal);
        Assert.Contains($">{AsOf:MM-dd HH:mm:ss}</span>", cells, StringComparison.Ordinal);
    }

    /// <summary>
    /// A live refresh touches the browser only for jobs that changed: a running job's clocks tick in the browser, so
    /// its markup at the next refresh is the same string, and Blazor sends nothing for it.
    /// </summary>
    [Fact]
    public void AJobThatDidNotChange_IsTheSameMarkupAtTheNextRefresh_WhileItsClocksRun()
    {
        var running = NeverStarted with { JobStatus = "running", StartTime = AsOf.AddMinutes(-40) };

        var now = JobRowMarkup.For(running, AsOf, (_, _) => "/jobs").Html;
        var later = JobRowMarkup.For(running, AsOf.AddSeconds(5), (_, _) => "/jobs").Html;

        Assert.Equal(now.Value, later.Value);
        Assert.Contains("data-counting-from", now.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesFromPanda_AreEncoded_InEveryPart()
    {
        const string attack = "<script>alert(1)</script>\"'";
        var job = NeverStarted with
        {
            ComputingSite = attack,
            ProdUserName = attack,
            Transformation = attack,
            JobSubStatus = attack,
            QueueStatus = attack,
            JobName = attack,
        };

        var row = JobRowMarkup.For(job, AsOf, (name, value) => $"/jobs?{name}={value}");

        Assert.DoesNotContain("<script>", Cells(row) + row.SubRow, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", Cells(row), StringComparison.Ordinal);
    }
}
