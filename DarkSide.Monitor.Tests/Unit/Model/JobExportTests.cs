using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Web.Exports;

namespace DarkSide.Monitor.Tests.Unit.Model;

[Trait("Kind", "Unit")]
public sealed class JobExportShapeTests
{
    [Fact]
    public void CsvLine_QuotesOnlyWhatNeedsIt()
    {
        Assert.Equal("a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\"", CsvText.Line(["a", "b,c", "say \"hi\"", null, "x\ny"]));
    }

    [Fact]
    public void CsvLine_KeepsFormulasAsText_ButNumbersAsNumbers()
    {
        // A diagnostic or name that starts like a formula must not run when the export is opened in a spreadsheet.
        Assert.Equal(
            "\"'=HYPERLINK(\"\"http://evil.example\"\")\",'@SUM(A1),'-cmd|x,'+x,-1,+2.5,'\tx",
            CsvText.Line(["=HYPERLINK(\"http://evil.example\")", "@SUM(A1)", "-cmd|x", "+x", "-1", "+2.5", "\tx"])
        );
    }

    [Fact]
    public void CsvRow_FollowsTheHeader_WithBigPandasComputedFields()
    {
        var now = new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);
        var job = new JobListRow
        {
            PandaId = 7,
            PandaTable = "jobsarchived4",
            IsBlind = true,
            IsRedacted = true,
            JobStatus = "failed",
            CreationTime = now.AddHours(-3),
            StartTime = now.AddHours(-2),
            EndTime = now.AddHours(-1),
            ModificationTime = now,
            MaxPss = 2 * 1024 * 1024,
            ActualCoreCount = 4,
            Errors = [new JobError("pilot", 1099, null)],
        };

        var row = JobExport.CsvRow(job, now).ToList();
        var field = JobExport.CsvHeader.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => row[x.i]);

        Assert.Equal(JobExport.CsvHeader.Count, row.Count);
        Assert.Equal("3600", field["timetostart_s"]);
        Assert.Equal("3600", field["duration_s"]);
        Assert.Equal("0.50", field["maxpssgbpercore"]);
        Assert.Equal("pilot:1099", field["errorinfo"]);
        Assert.Null(field["jobname"]);
        Assert.Equal("true", field["blinded"]);
    }
}
