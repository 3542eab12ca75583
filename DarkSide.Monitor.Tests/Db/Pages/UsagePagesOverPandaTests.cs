using System.Text.Json;
using Bunit;
using DarkSide.Monitor.Features.Usage;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Db.Pages;

/// <summary>
/// The coordinator pages: URL → state, table contents from the rollups, and the traces handed to plotly.js.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class UsagePagesOverPandaTests(SeededPandaFixture fixture) : IAsyncDisposable
{
    private const string PlotlyModule = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";
    private MonitorTestContext? _context;
    private BunitJSModuleInterop? _plotly;

    private IRenderedComponent<TPage> RenderAt<TPage>(
        string url,
        ViewerAccess viewer,
        Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null
    )
        where TPage : IComponent
    {
        _context = new MonitorTestContext(viewer);
        _plotly = _context.JSInterop.SetupModule(PlotlyModule);
        var time = new FixedTime();
        var usage = UsageRollupHarness.Repository(fixture.Database);
        var sites = UsageRollupHarness.Sites(fixture.Database);
        _context.Services.AddSingleton(new UsageViewModel(time));
        _context.Services.AddSingleton(new MemoryViewModel(time));
        _context.Services.AddSingleton(new SitesViewModel(time));
        _context.Services.AddSingleton(fixture.ListOptions);
        _context.Services.AddSingleton<IErrorSummaryReader>(fixture.CreateErrorSummaryRepository());
        _context.Services.AddSingleton(sp => new UsageLive(
            sp.GetRequiredService<LiveRefreshHub>(),
            usage,
            sites,
            MsOptions.Create(new RollupOptions()),
            time
        ));
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return _context.Render(parameters ?? (_ => { }));
    }

    /// <summary>
    /// The traces of every newPlot call, as plotly.js receives them: (name, type) per trace, per chart.
    /// </summary>
    private List<List<(string Name, string Type)>> Plots() =>
        _plotly!
            .Invocations["newPlot"]
            .Select(call =>
            {
                using var json = JsonDocument.Parse(JsonSerializer.Serialize(call.Arguments[1]));
                return json
                    .RootElement.EnumerateArray()
                    .Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("type").GetString()!))
                    .ToList();
            })
            .ToList();

    /// <summary>
    /// Plotly.Blazor calls newPlot after rendering, without causing another render, so WaitForAssertion (which checks
    /// on renders) would not see it: poll the recorded calls instead.
    /// </summary>
    private async Task<List<List<(string Name, string Type)>>> WaitForPlotsAsync(int count)
    {
        for (var waited = 0; waited < 15_000 && Plots().Count < count; waited += 50)
        {
            await Task.Delay(50);
        }

        var plots = Plots();
        Assert.True(plots.Count == count, $"expected {count} charts drawn, saw {plots.Count}");
        return plots;
    }

    [Fact]
    public async Task Usage_ReadsItsUrl_ShowsTheSiteFromTheRollups_AndPlotsTheChosenMetricPerSite()
    {
        var site = await fixture.Database.ScalarAsync<string>(
            "SELECT computingsite FROM doma_panda.jobsarchived4 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        );
        var query = UsageQueryParser
            .Parse(
                Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery($"days=5&computingsite={site}"),
                PandaTestDatabase.SeededAtUtc,
                UsageView.Usage
            )
            .Query!;
        var expected = await UsageRollupHarness
            .Repository(fixture.Database)
            .GetUsageAsync(query, SeededPandaFixture.NotBlind, CancellationToken.None);

        var page = RenderAt<DarkSide.Monitor.Features.Usage.Usage>(
            $"/usage?days=5&computingsite={site}&metric=efficiency",
            SeededPandaFixture.NotBlind
        );

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=usage-by-computingsite] tbody tr");
            Assert.Equal([site], rows.Select(r => r.GetAttribute("data-group")));
            Assert.Equal(
                expected.Total.Jobs.ToString("N0"),
                rows[0].QuerySelector("[data-col=jobs]")!.TextContent.Trim()
            );
            Assert.StartsWith(
                "/jobs?date_from=",
                rows[0].QuerySelector("[data-col=jobs] a")!.GetAttribute("href"),
                StringComparison.Ordinal
            );
            Assert.Contains(
                $"computingsite={site}",
                rows[0].QuerySelector("[data-col=jobs] a")!.GetAttribute("href"),
                StringComparison.Ordinal
            );
            Assert.Contains("active", page.Find("[data-metric=efficiency]").ClassName, StringComparison.Ordinal);
            Assert.NotNull(page.Find("[data-testid=blind-note]"));
        });
        var plots = await WaitForPlotsAsync(2);
        // The metric per site first, then finished and failed jobs.
        Assert.Equal([(site, "scatter")], plots[0]);
        Assert.Equal([("finished", "bar"), ("failed", "bar")], plots[1]);
    }

    [Fact]
    public void Usage_BadWindow_IsNamed_AndNothingIsPlotted()
    {
        var page = RenderAt<DarkSide.Monitor.Features.Usage.Usage>(
            "/usage?days=91&sortby=color",
            SeededPandaFixture.NotBlind
        );

        var errors = page.Find("[data-testid=query-errors]").TextContent;
        Assert.Contains("days", errors, StringComparison.Ordinal);
        Assert.Contains("sortby", errors, StringComparison.Ordinal);
        Assert.Empty(_plotly!.Invocations["newPlot"]);
    }

    [Fact]
    public async Task Memory_PlotsOneHistogramTracePerTransformation_WithTheRequestMarked_AndListsOverRequestJobs()
    {
        var page = RenderAt<DarkSide.Monitor.Features.Usage.Memory>("/memory?days=5", SeededPandaFixture.Blind);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=memory-groups] tbody tr")));
        var plots = await WaitForPlotsAsync(2);
        var groups = page.FindAll("[data-testid=memory-groups] tbody tr")
            .Select(r => UsageViewModel.SiteName(r.GetAttribute("data-group")!))
            .ToList();
        Assert.Equal(groups, plots[0].Select(t => t.Name));
        AssertEvery(plots[0], t => Assert.Equal("bar", t.Type));
        Assert.Equal(["p50", "p95", "max"], plots[1].Select(t => t.Name));
        using var layout = JsonDocument.Parse(
            JsonSerializer.Serialize(_plotly!.Invocations["newPlot"][0].Arguments[2])
        );
        Assert.Contains(
            "requested",
            layout.RootElement.GetProperty("shapes")[0].GetProperty("label").GetProperty("text").GetString(),
            StringComparison.Ordinal
        );
        Assert.NotEmpty(page.FindAll("[data-testid=over-request] tbody tr[data-pandaid] a[href^='/job/']"));
        Assert.NotEmpty(page.FindAll("[data-testid=leak-suspects] tr[data-task]"));
    }

    [Fact]
    public async Task Sites_ListEveryQueue_AndTheSitePagePlotsJobsAndRunningCores()
    {
        var page = RenderAt<DarkSide.Monitor.Features.Usage.Sites>("/sites?days=2", SeededPandaFixture.NotBlind);
        var queues = await fixture.Database.ColumnAsync<string>(
            "SELECT panda_queue FROM doma_panda.schedconfig_json ORDER BY 1"
        );

        page.WaitForAssertion(() =>
            Assert.Equal(
                queues,
                page.FindAll("[data-testid=sites-table] tbody tr").Select(r => r.GetAttribute("data-site"))
            )
        );
        Assert.Equal($"/site/{queues[0]}?days=2", page.Find($"tr[data-site='{queues[0]}'] a").GetAttribute("href"));

        await _context!.DisposeAsync();
        var site = RenderAt<DarkSide.Monitor.Features.Usage.SitePage>(
            $"/site/{queues[0]}?hours=36",
            SeededPandaFixture.NotBlind,
            p => p.Add(s => s.ComputingSite, queues[0])
        );
        var plots = await WaitForPlotsAsync(2);
        Assert.Equal([("finished", "bar"), ("failed", "bar")], plots[0]);
        Assert.Equal([("running cores", "scatter")], plots[1]);
        site.WaitForAssertion(() => Assert.NotEmpty(site.FindAll("[data-testid=site-top-errors] tr[data-error]")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
