using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace DarkSide.Monitor.Web.Controls;

public sealed partial class MonitorChart : IAsyncDisposable
{
    private readonly IList<ITrace> _data = [];

    // Fewer modebar buttons: the row is shorter and covers less of the chart's title on a narrow screen.
    private readonly Config _config = new()
    {
        Responsive = true,
        DisplayLogo = false,
        ModeBarButtonsToRemove = new[]
        {
            "lasso2d",
            "select2d",
            "autoScale2d",
            "toggleSpikelines",
            "hoverClosestCartesian",
            "hoverCompareCartesian",
        },
    };

    [Inject]
    public required NavigationManager Navigation { get; init; }
    private readonly Plotly.Blazor.Layout _layout = new();
    private PlotlyChart? _chart;
    private string? _drawn;
    private bool _pendingReact;
    private bool _shown;

    [Inject]
    public required IJSRuntime JS { get; init; }

    private ElementReference _element;
    private DotNetObjectReference<MonitorChart>? _self;

    /// <summary>
    /// The page's URL for a window, when a range selected on this chart's time axis should become the page's window.
    /// </summary>
    [Parameter]
    public Func<DateTime, DateTime, string>? RangeUrl { get; set; }

    private bool SelectsRange => RangeUrl is not null && Spec.XAxis == ChartAxis.Date;

    /// <summary>Plotly.Blazor calls this once the chart is drawn (its JS module and plotly.js have loaded).</summary>
    private void ChartShown()
    {
        if (SelectsRange)
        {
            _self ??= DotNetObjectReference.Create(this);
            _ = WatchRangeAsync(_self);
        }

        if (!_shown)
        {
            _shown = true;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>The range plotly.js reports for a zoom on the time axis ("2026-11-20 13:45:12.5", UTC).</summary>
    [JSInvokable]
    public void SelectRange(string from, string to)
    {
        if (RangeUrl is { } url && ChartRange.TryParse(from, to) is var (start, end))
        {
            Navigation.NavigateTo(url(start, end));
        }
    }

    /// <summary>The chart's own module (MonitorChart.razor.js), imported with the first chart that selects
    /// ranges.</summary>
    private async Task WatchRangeAsync(DotNetObjectReference<MonitorChart> self)
    {
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./" + Assets[ModulePath]);
            await _module.InvokeVoidAsync("watchRange", _element, self);
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The page has gone; there is no range left to watch.
        }
    }

    private const string ModulePath = "Web/Controls/MonitorChart.razor.js";
    private IJSObjectReference? _module;

    public async ValueTask DisposeAsync()
    {
        _self?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }

    [Parameter, EditorRequired]
    public required ChartSpec Spec { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    [Parameter]
    public int Height { get; set; } = 340;

    [CascadingParameter]
    public ChartTheme? Theme { get; set; }

    /// <summary>What the chart shows, e.g. "Jobs per day"; with the view's URL and window it titles the chart and
    /// names its PNG, so an exported image says what it is.</summary>
    [Parameter]
    public string? Heading { get; set; }

    /// <summary>The view's window in words, e.g. "the last 30 days (2026-11-01 to 2026-11-30, UTC)".</summary>
    [Parameter]
    public string? Window { get; set; }

    private ChartTheme Colours => Theme ?? ChartTheme.Light;

    protected override void OnParametersSet()
    {
        var signature = Spec.Signature + "|" + Colours + "|" + ExportTitle;
        if (signature == _drawn)
        {
            return;
        }

        // The same list and layout objects stay bound to the chart; React redraws them in place.
        _pendingReact = _drawn is not null && _chart is not null;
        _drawn = signature;
        _data.Clear();
        foreach (var trace in Spec.Series.Select((series, i) => Trace(series, i)))
        {
            _data.Add(trace);
        }

        ApplyLayout();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_pendingReact && _chart is not null)
        {
            _pendingReact = false;
            await _chart.React();
        }
    }

    /// <summary>The chart's heading, the page and filters of its URL, and its window.</summary>
    private string ExportTitle
    {
        get
        {
            var view = Navigation.ToBaseRelativePath(Navigation.Uri);
            var parts = new[] { Heading, Uri.UnescapeDataString(view), Window }.Where(p => !string.IsNullOrEmpty(p));
            return string.Join(" · ", parts);
        }
    }

    private const int TitleLineLength = 60;

    /// <summary>The title as a file name: letters, digits, '=' and '-' kept, the rest one '_'.</summary>
    public static string FileName(string title)
    {
        var name = System.Text.RegularExpressions.Regex.Replace(title, "[^A-Za-z0-9=-]+", "_").Trim('_');
        return "darkside-monitor_" + (name.Length > 150 ? name[..150] : name);
    }

    /// <summary>
    /// Plotly's palette without its red and green: those mean failed and finished on every chart, so a site or user
    /// drawn in them would read as a state.
    /// </summary>
    private static readonly string[] NotStateColours =
    [
        "#1f77b4",
        "#ff7f0e",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#7f7f7f",
        "#bcbd22",
        "#17becf",
    ];

    private ITrace Trace(ChartSeries series, int index)
    {
        var hover = $"%{{x}}<br>%{{y:{Spec.YHover}}} {Spec.YUnit}<extra>{series.Name}</extra>";
        var y = series.Y.Select(v => (object)(v ?? double.NaN)).ToList();
        // A series named after a state takes BigPanDA's hue for it; others keep Plotly's palette.
        var colour = series.Colour ?? StateColours.For(series.Name) ?? NotStateColours[index % NotStateColours.Length];
        return series.Line
            ? new Scatter
            {
                Name = series.Name,
                X = series.X.ToList(),
                Y = y,
                Mode =
                    Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                HoverTemplate = hover,
                Line = colour is null ? null : new Plotly.Blazor.Traces.ScatterLib.Line { Color = colour },
                Marker = colour is null ? null : new Plotly.Blazor.Traces.ScatterLib.Marker { Color = colour },
            }
            : new Bar
            {
                Name = series.Name,
                X = series.X.ToList(),
                Y = y,
                HoverTemplate = hover,
                Width = Spec.XBin is { } bin ? (decimal)(bin.TotalMilliseconds * 0.9) : null,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker
                {
                    Color = colour,
                    // Failed bars are hatched: told from finished ones without colour (WCAG 1.4.1).
                    Pattern =
                        series.Name == "failed"
                            ? new Plotly.Blazor.Traces.BarLib.MarkerLib.Pattern
                            {
                                Shape = Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.Slash,
                                FillMode = Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.FillModeEnum.Overlay,
                                FgColor = "#ffffff",
                                Solidity = 0.25m,
                            }
                            : null,
                },
            };
    }

    private void ApplyLayout()
    {
        _layout.BarMode = Spec.Stacked ? BarModeEnum.Stack : BarModeEnum.Group;
        // A constant revision: Plotly keeps the viewer's zoom and hidden traces through every live redraw.
        _layout.UiRevision = Spec.Key;
        var title = ExportTitle;
        // On a phone the one-line title ran under the modebar: its parts go on lines of their own when it is long.
        var lines = title.Length > TitleLineLength ? title.Replace(" · ", "<br>", StringComparison.Ordinal) : title;
        _layout.Title = new Title
        {
            Text = lines,
            Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 11, Color = Colours.SecondaryText },
            X = 0,
            XAnchor = Plotly.Blazor.LayoutLib.TitleLib.XAnchorEnum.Left,
        };
        _config.ToImageButtonOptions = new
        {
            format = "png",
            filename = FileName(title),
            scale = 2,
        };
        _layout.Height = Height;
        // Axes grow the margins their tick labels need (they were cut on a phone); the legend stands under the plot,
        // so a phone's narrow chart keeps its width for the data.
        _layout.Margin = new Margin
        {
            T = 22 + 14 * (lines.Split("<br>").Length),
            B = 40,
            L = 60,
            R = 10,
        };
        _layout.Legend =
        [
            new Legend
            {
                Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H,
                X = 0,
                Y = -0.3m,
                YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Top,
            },
        ];
        var colours = Colours;
        _layout.PaperBgColor = colours.Background;
        _layout.PlotBgColor = colours.Background;
        _layout.Font = new Font { Color = colours.Text };
        _layout.HoverMode = HoverModeEnum.Closest;
        _layout.XAxis =
        [
            new XAxis
            {
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = Spec.XTitle },
                AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
                GridColor = colours.Grid,
                LineColor = colours.Grid,
                ZeroLineColor = colours.Grid,
                Range = Spec.XRange is { } range ? [range.From, range.To] : null,
                Type = Spec.XAxis switch
                {
                    ChartAxis.Date => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
                    ChartAxis.Linear => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
                    _ => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category,
                },
            },
        ];
        _layout.YAxis =
        [
            new YAxis
            {
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = Spec.YTitle },
                AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
                GridColor = colours.Grid,
                LineColor = colours.Grid,
                ZeroLineColor = colours.Grid,
                RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
            },
        ];
        _layout.Shapes = Spec
            .Markers.Select(m => new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
                X0 = m.X,
                X1 = m.X,
                Y0 = 0,
                Y1 = 1,
                YRef = "paper",
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line
                {
                    Dash = "dash",
                    Width = 2,
                    Color = colours.SecondaryText,
                },
                Label = new Plotly.Blazor.LayoutLib.ShapeLib.Label
                {
                    Text = m.Label,
                    TextAngle = 0m,
                    TextPosition = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.TextPositionEnum.End,
                },
            })
            .ToList();
    }
}
