using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>Where the monitor's metrics, traces and logs go.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve metrics for Prometheus to scrape at /metrics.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// Serve /metrics only on this port (which the app must also listen on, e.g. ASPNETCORE_HTTP_PORTS=8080;9464),
    /// so an Ingress that routes the main port never exposes it; 0 serves it on every port.
    /// </summary>
    public int MetricsPort { get; set; }

    /// <summary>
    /// An OpenTelemetry collector (e.g. http://otel-collector:4317) for metrics and traces; empty: none, unless
    /// the standard OTEL_EXPORTER_OTLP_ENDPOINT variable names one.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How to reach the collector: grpc (port 4317 by convention) or http/protobuf (4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>One JSON object per log line on the console, for a log collector.</summary>
    public bool JsonConsoleLogs { get; set; }

    /// <summary>service.name of every metric and trace.</summary>
    public string ServiceName { get; set; } = "darkside-monitor";
}

public sealed class ValidateTelemetryOptions : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.MetricsPort is < 0 or > 65_535)
        {
            errors.Add($"Telemetry:MetricsPort is {options.MetricsPort}; expected 0 (every port) or a port number.");
        }

        if (
            !string.IsNullOrEmpty(options.OtlpEndpoint)
            && (
                !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
            )
        )
        {
            errors.Add(
                $"Telemetry:OtlpEndpoint is '{options.OtlpEndpoint}'; expected an http(s) URL such as "
                    + "http://otel-collector:4317."
            );
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            errors.Add($"Telemetry:OtlpProtocol is '{options.OtlpProtocol}'; expected grpc or http/protobuf.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            errors.Add("Telemetry:ServiceName is empty; expected a name such as darkside-monitor.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
