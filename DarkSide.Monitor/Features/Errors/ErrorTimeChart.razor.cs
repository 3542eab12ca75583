using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Web.Controls;
using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Features.Errors;

public sealed partial class ErrorTimeChart
{
    [Parameter, EditorRequired]
    public required ErrorHistogram Histogram { get; set; }

    [Parameter]
    public string? Window { get; set; }

    /// <summary>The page's URL for a range selected on the time axis.</summary>
    [Parameter]
    public Func<DateTime, DateTime, string>? RangeUrl { get; set; }

    private ChartSpec Spec { get; set; } = null!;

    private string BinText =>
        Histogram.Bin.TotalMinutes < 60 ? $"{Histogram.Bin.TotalMinutes} minutes"
        : Histogram.Bin.TotalHours < 24 ? $"{Histogram.Bin.TotalHours} h"
        : $"{Histogram.Bin.TotalDays} d";

    protected override void OnParametersSet() => Spec = For(Histogram);

    public static ChartSpec For(ErrorHistogram histogram)
    {
        var bins = histogram.Bins.Select(b => (object)b).ToList();
        var series = histogram
            .Series.Select(s => new ChartSeries(s.Key, bins, s.Counts.Select(c => (double?)c).ToList()))
            .ToList();
        return new ChartSpec("errors", "time (UTC)", "errors", series, Stacked: true, XAxis: ChartAxis.Date)
        {
            YHover = ",d",
            YUnit = "errors",
            XBin = histogram.Bin,
        };
    }
}
