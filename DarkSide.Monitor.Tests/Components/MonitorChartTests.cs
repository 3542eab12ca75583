using System.Text.Json;
using Bunit;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Controls;

namespace DarkSide.Monitor.Tests.Components;

/// <summary>A chart is created once; new numbers go through Plotly.react, and unchanged numbers cost nothing.</summary>
[Trait("Kind", "Component")]
public sealed class MonitorChartTests : IAsyncDisposable
{
    private readonly MonitorTestContext _context = new(SeededPandaFixture.NotBlind);

    private static ChartSpec Spec(params double?[] y) =>
        new("t", "day (UTC)", "core-hours", [new ChartSeries("CNAF-DS-1", y.Select((_, i) => (object)i).ToList(), y)])
        {
            YUnit = "core-hours",
        };

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; waited < 10_000 && !condition(); waited += 20)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task NewNumbers_AreDrawnWithReact_NotANewPlot_AndTheSameNumbersAreNotRedrawn()
    {
        var plotly = _context.JSInterop.SetupModule("./_content/Plotly.Blazor/plotly-interop-7.2.0.js");
        // The chart reuses its trace objects, so each redraw's numbers are read when the call is made.
        var redrawn = new List<double[]>();
        plotly
            .SetupVoid(
                "react",
                call =>
                {
                    using var traces = JsonDocument.Parse(JsonSerializer.Serialize(call.Arguments[1]));
                    redrawn.Add([
                        .. traces.RootElement[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()),
                    ]);
                    return true;
                }
            )
            .SetVoidResult();
        var chart = _context.Render<MonitorChart>(p => p.Add(c => c.Spec, Spec(1, 2, 3)));
        await WaitForAsync(() => plotly.Invocations["newPlot"].Count == 1);

        chart.Render(p => p.Add(c => c.Spec, Spec(1, 2, 4)));
        await WaitForAsync(() => redrawn.Count == 1);
        chart.Render(p => p.Add(c => c.Spec, Spec(1, 2, 4)));
        // Calls come in render order: a redraw of the same numbers would come before the next change's.
        chart.Render(p => p.Add(c => c.Spec, Spec(1, 2, 5)));
        await WaitForAsync(() => redrawn.Count >= 2);

        Assert.Single(plotly.Invocations["newPlot"]);
        Assert.Equal(
            [
                [1.0, 2.0, 4.0],
                [1.0, 2.0, 5.0],
            ],
            redrawn
        );
        using var data = JsonDocument.Parse(JsonSerializer.Serialize(plotly.Invocations["react"][0].Arguments[1]));
        Assert.Contains(
            "core-hours",
            data.RootElement[0].GetProperty("hovertemplate").GetString(),
            StringComparison.Ordinal
        );
        using var layout = JsonDocument.Parse(JsonSerializer.Serialize(plotly.Invocations["react"][0].Arguments[2]));
        Assert.Equal(
            "core-hours",
            layout.RootElement.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString()
        );
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
