using DarkSide.Monitor.Web.Exports;

namespace DarkSide.Monitor.Tests.Unit.Web;

/// <summary>Download names that say the view, the window's UTC bounds and the filters.</summary>
[Trait("Kind", "Unit")]
public sealed class ExportFileNameTests
{
    private static readonly DateTime From = new(2026, 12, 7, 1, 32, 10, DateTimeKind.Utc);

    [Fact]
    public void AWindowAndFilters_AreInTheName_WithWhatAFileNameCannotHoldReplaced()
    {
        var name = ExportFileName.For(
            "jobs",
            From,
            From.AddHours(6),
            [new("computingsite", "CNAF*|RAL-DS"), new("produsername", "Rossi \"M\"/x")]
        );

        Assert.Equal(
            "darkside-jobs_20261207T0132-20261207T0732_computingsite-CNAF~~RAL-DS_produsername-Rossi~~M~~x.csv",
            name
        );
    }

    [Fact]
    public void WholeDays_AreDates_AndAnOpenWindowSaysSo()
    {
        Assert.Equal(
            "darkside-usage-daily_20261101-20261201.csv",
            ExportFileName.For("usage-daily", new DateTime(2026, 11, 1), new DateTime(2026, 12, 1), [])
        );
        Assert.Equal("darkside-jobs_start-20261207T0132.csv", ExportFileName.For("jobs", null, From, []));
    }

    [Fact]
    public void AVeryLongSelection_IsCut_ButKeepsItsExtension()
    {
        var name = ExportFileName.For("jobs", From, From, [new("jobname", new string('a', 500))]);

        Assert.True(name.Length <= 184, name);
        Assert.EndsWith(".csv", name, StringComparison.Ordinal);
    }
}
