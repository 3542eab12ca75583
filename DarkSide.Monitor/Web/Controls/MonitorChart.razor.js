// A range selected (zoomed) on a chart's time axis becomes the page's window: the chart tells the server, which
// builds the page's URL for it (days or instants, as the page reads them) and navigates. Autoscale is ignored.
// The server asks once the chart has rendered; plotly.js may still be drawing it then, so this waits for the plot.
// A module collocated with MonitorChart, which imports it: nothing on window.
export function watchRange(element, chart, attempt = 0) {
    const plot = element && element.querySelector(".js-plotly-plot");
    if (!plot || typeof plot.on !== "function") {
        if (element && attempt < 100) {
            setTimeout(() => watchRange(element, chart, attempt + 1), 100);
        }
        return;
    }
    if (plot.dataset.rangeWatched) {
        return;
    }
    plot.dataset.rangeWatched = "true";
    plot.on("plotly_relayout", (event) => {
        const range = event["xaxis.range"] || [event["xaxis.range[0]"], event["xaxis.range[1]"]];
        if (range[0] !== undefined && range[1] !== undefined) {
            chart.invokeMethodAsync("SelectRange", String(range[0]), String(range[1]));
        }
    });
}
