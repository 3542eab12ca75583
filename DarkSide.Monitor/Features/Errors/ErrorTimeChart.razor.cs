using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace DarkSide.Monitor.Features.Errors;

public sealed partial class ErrorTimeChart
{
    [Parameter, EditorRequired]
    public required DarkSide.Monitor.Panda.Errors.ErrorHistogram Histogram { get; set; }

    private IList<ITrace> Data { get; set; } = [];

    private Plotly.Blazor.Layout Layout { get; } =
        new()
        {
            BarMode = BarModeEnum.Stack,
            Height = 320,
            Margin = new Margin
            {
                T = 10,
                B = 40,
                L = 50,
                R = 10,
            },
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date }],
            YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "errors" } }],
        };

    private Config Config { get; } = new() { Responsive = true, DisplayLogo = false };

    private string BinText =>
        Histogram.Bin.TotalMinutes < 60 ? $"{Histogram.Bin.TotalMinutes} minutes"
        : Histogram.Bin.TotalHours < 24 ? $"{Histogram.Bin.TotalHours} h"
        : $"{Histogram.Bin.TotalDays} d";

    protected override void OnParametersSet() =>
        Data = Histogram
            .Series.Select(s =>
                (ITrace)
                    new Bar
                    {
                        Name = s.Key,
                        X = Histogram
                            .Bins.Select(b =>
                                (object)
                                    b.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
                            )
                            .ToList(),
                        Y = s.Counts.Select(c => (object)c).ToList(),
                    }
            )
            .ToList();
}
