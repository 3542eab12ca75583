using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Metrics (ASP.NET Core, Blazor circuits, Npgsql, the runtime and the monitor's own) for Prometheus and OTLP;
/// traces of requests, IAM calls and SQL statements (text only, never parameter values) over OTLP when a collector
/// is configured; JSON console logs when asked.
/// </summary>
public static class MonitorTelemetryExtensions
{
    private static readonly string[] NpgsqlTags =
    [
        "db.client.connection.pool.name",
        "db.client.connection.state",
        "db.system.name",
        "db.operation.name",
        "error.type",
    ];

    public static WebApplicationBuilder AddMonitorTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<MonitorMetrics>();
        var telemetry = Read(builder.Configuration);
        if (telemetry.JsonConsoleLogs)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var otlp = OtlpEndpoint(telemetry, builder.Configuration);
        var open = services
            .AddOpenTelemetry()
            .ConfigureResource(r =>
                r.AddService(
                    telemetry.ServiceName,
                    serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId
                )
            )
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(MonitorMetrics.MeterName, "Microsoft.AspNetCore.Components.Server.Circuits")
                    // One histogram per component type (hundreds of series, most of a 680 KB scrape after a few
                    // pages); render and circuit metrics stay.
                    .AddView("aspnetcore.components.update_parameters.duration", MetricStreamConfiguration.Drop)
                    // The database's address and port are no business of whoever scrapes; the pool name says which.
                    .AddView(instrument =>
                        instrument.Meter.Name == "Npgsql"
                            ? new MetricStreamConfiguration { TagKeys = NpgsqlTags }
                            : null
                    );
                if (telemetry.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Export(o, telemetry, otlp, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            open.WithTracing(tracing =>
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/healthz"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddOtlpExporter(o => Export(o, telemetry, otlp, "v1/traces"))
            );
        }

        return builder;
    }

    /// <summary>
    /// /metrics for Prometheus, anonymous: it names routes, counts and durations, nothing of PanDA's data. With
    /// Telemetry:MetricsPort it answers only on connections to that port (the connection's own port, not the Host
    /// header, which any client can write); elsewhere it is 404.
    /// </summary>
    public static WebApplication MapMonitorMetrics(this WebApplication app)
    {
        var telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!telemetry.Prometheus)
        {
            return app;
        }

        var port = telemetry.MetricsPort;
        app.MapPrometheusScrapingEndpoint(
                "/metrics",
                meterProvider: null,
                configureBranchedPipeline: branch =>
                    branch.Use(
                        (context, next) =>
                        {
                            if (port > 0 && context.Connection.LocalPort != port)
                            {
                                context.Response.StatusCode = StatusCodes.Status404NotFound;
                                return Task.CompletedTask;
                            }

                            return next(context);
                        }
                    ),
                optionsName: null
            )
            .AllowAnonymous();
        return app;
    }

    /// <summary>The settings as bound; a bad one is reported by the configuration check, which stops the app.</summary>
    private static TelemetryOptions Read(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(TelemetryOptions.SectionName).GetExactly<TelemetryOptions>();
        }
        catch (InvalidOperationException)
        {
            return new TelemetryOptions();
        }
    }

    /// <summary>gRPC takes the collector's address; OTLP over HTTP a path per signal on it.</summary>
    private static void Export(OtlpExporterOptions options, TelemetryOptions telemetry, Uri collector, string path)
    {
        if (telemetry.OtlpProtocol == "http/protobuf")
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri(collector.AbsoluteUri.TrimEnd('/') + "/" + path);
        }
        else
        {
            options.Protocol = OtlpExportProtocol.Grpc;
            options.Endpoint = collector;
        }
    }

    private static Uri? OtlpEndpoint(TelemetryOptions telemetry, IConfiguration configuration)
    {
        var text = string.IsNullOrEmpty(telemetry.OtlpEndpoint)
            ? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]
            : telemetry.OtlpEndpoint;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }
}
