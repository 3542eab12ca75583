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
    public async Task FailedBars_AreBigPandasRed_AndHatched_InTheUsageChart()
    {
        var page = await server.OpenAsync("/usage", ColorScheme.Dark);
        var chart = page.GetByTestId("chart-jobs");
        await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // A hatched bar's fill is a pattern: its colour is the pattern's background.
        var fills = await chart.EvaluateAsync<string[]>(
            """
            c => [...c.querySelectorAll('.legendpoints path')].map(p => {
                const fill = getComputedStyle(p).fill;
                const id = fill.startsWith('url(') ? fill.match(/#([^"')]+)/)[1] : null;
                const background = id && document.getElementById(id)?.querySelector('rect');
                return background ? 'hatched ' + background.getAttribute('fill') : fill;
            })
            """
        );

        Assert.Contains("hatched rgb(255, 0, 0)", fills);
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

    [Fact]
    public async Task ZoomedChart_KeepsItsRange_WhenRedrawn()
    {
        // The memory histogram zooms in place (on a time axis a selected range becomes the page's window instead).
        var page = await server.OpenAsync("/memory?days=30");
        var chart = page.GetByTestId("chart-pss-histogram").Locator(".js-plotly-plot");
        await Expect(chart.Locator(".xtick text").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var range = await chart.EvaluateAsync<string[]>(
            """
            async el => {
                const [from, to] = el._fullLayout.xaxis.range;
                const mid = (from + to) / 2;
                await Plotly.relayout(el, { 'xaxis.range': [from, mid] });
                return el._fullLayout.xaxis.range.map(String);
            }
            """
        );
        var titleFill = await chart.Locator(".xtitle").EvaluateAsync<string>("t => getComputedStyle(t).fill");

        // A redraw with new colours goes through Plotly.react, as every live refresh with new numbers does.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(chart.Locator(".xtitle")).Not.ToHaveCSSAsync("fill", titleFill);

        Assert.Equal(range, await chart.EvaluateAsync<string[]>("el => el._fullLayout.xaxis.range.map(String)"));
    }

    [Fact]
    public async Task ChartPng_IsNamedAndTitledAfterTheView_OnAnOpaqueBackground()
    {
        var page = await server.OpenAsync("/usage?days=7");
        var chart = page.GetByTestId("chart-jobs").Locator(".js-plotly-plot");
        await Expect(chart.Locator(".xtick text").First).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var fileName = await chart.EvaluateAsync<string>("el => el._context.toImageButtonOptions.filename");
        // A long title is drawn on lines of its own (one per part): read back as one.
        var title = await chart.EvaluateAsync<string>(
            """
            el => [...el.querySelectorAll('.gtitle tspan.line')].map(t => t.textContent).join(' · ')
                || el.querySelector('.gtitle').textContent
            """
        );
        var cornerAlpha = await chart.EvaluateAsync<int>(
            """
            async el => {
                const url = await Plotly.toImage(el, { format: 'png', width: 400, height: 300 });
                const image = new Image();
                await new Promise(resolve => { image.onload = resolve; image.src = url; });
                const canvas = document.createElement('canvas');
                canvas.width = 400; canvas.height = 300;
                const context = canvas.getContext('2d');
                context.drawImage(image, 0, 0);
                return context.getImageData(1, 1, 1, 1).data[3];
            }
            """
        );

        Assert.StartsWith("darkside-monitor_Finished_and_failed_jobs_per_day_usage_days=7_the_last_7_days", fileName);
        Assert.StartsWith("Finished and failed jobs per day · usage?days=7 · the last 7 days", title);
        Assert.Equal(255, cornerAlpha);
    }

    [Fact]
    public async Task WhilePlotlyLoads_TheChartCardSaysSo_ThenDrawsTheChart()
    {
        var page = await server.Browser.NewPageAsync(server.BaseUrl);
        // A slow network for the 1.5-MB chart library only: it arrives once the card has been seen waiting for it.
        var seen = new TaskCompletionSource();
        await page.RouteAsync(
            new System.Text.RegularExpressions.Regex("plotly.*\\.js"),
            async route =>
            {
                await seen.Task;
                await route.ContinueAsync();
            }
        );
        await page.GotoAsync("/usage");
        var chart = page.GetByTestId("chart-jobs");

        try
        {
            await Expect(chart.GetByText("Loading the chart library…")).ToBeVisibleAsync();
        }
        finally
        {
            seen.TrySetResult();
        }

        await Expect(chart.Locator(".xtick text").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(chart.GetByTestId("loading")).ToHaveCountAsync(0);
    }
}
