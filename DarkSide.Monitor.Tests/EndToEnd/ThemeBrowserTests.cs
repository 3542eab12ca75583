using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>Both themes as a coordinator sees them: chart text readable on its card, BigPanDA's state colours.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class ThemeBrowserTests(MonitorServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    /// <summary>
    /// The lowest contrast of a chart's axis titles and tick labels against the card the chart sits on, with each
    /// colour's alpha composited over that background.
    /// </summary>
    private const string LowestChartTextContrast = """
        chart => {
            const rgba = s => {
                const m = s.match(/[\d.]+/g).map(Number);
                return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
            };
            const linear = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
            const lum = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
            let card = chart;
            while (card && rgba(getComputedStyle(card).backgroundColor)[3] === 0) card = card.parentElement;
            const bg = rgba(getComputedStyle(card).backgroundColor);
            const texts = [...chart.querySelectorAll('.xtitle, .ytitle, .xtick text, .ytick text, .legendtext')];
            if (texts.length === 0) return -1;
            return Math.min(...texts.map(t => {
                const style = getComputedStyle(t);
                const fg = rgba(style.fill);
                const alpha = fg[3] * Number(style.fillOpacity || 1);
                const mixed = [0, 1, 2].map(i => fg[i] * alpha + bg[i] * (1 - alpha));
                const [a, b] = [lum(mixed), lum(bg)];
                return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }));
        }
        """;

    [Theory]
    [InlineData(ColorScheme.Dark)]
    [InlineData(ColorScheme.Light)]
    public async Task ChartText_IsReadableOnItsCard(ColorScheme scheme)
    {
        var page = await server.OpenAsync("/usage", scheme);
        var chart = page.GetByTestId("chart-jobs");
        await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(chart.Locator(".xtick text").First).ToBeVisibleAsync();

        var contrast = await chart.EvaluateAsync<double>(LowestChartTextContrast);

        Assert.InRange(contrast, 4.5, 21);
    }

    [Fact]
    public async Task FailedBars_AreBigPandasRed_InTheUsageChart()
    {
        var page = await server.OpenAsync("/usage", ColorScheme.Dark);
        var chart = page.GetByTestId("chart-jobs");
        await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var fills = await chart.EvaluateAsync<string[]>(
            "c => [...c.querySelectorAll('.legendpoints path')].map(p => getComputedStyle(p).fill)"
        );

        Assert.Contains("rgb(255, 0, 0)", fills);
        Assert.Contains("rgb(32, 127, 32)", fills);
    }

    [Fact]
    public async Task SelectedStatusChip_HasReadableText()
    {
        var page = await server.OpenAsync("/jobs?jobstatus=failed", ColorScheme.Dark);
        var chip = page.Locator("[data-status=failed]");
        await Expect(chip).ToBeVisibleAsync();

        var (colour, background) = await chip.EvaluateAsync<string[]>(
            "c => [getComputedStyle(c).color, getComputedStyle(c).backgroundColor]"
        )
            is [var c, var b]
            ? (c, b)
            : default;

        Assert.Equal("rgb(255, 0, 0)", background);
        Assert.Equal("rgb(0, 0, 0)", colour);
    }
}
