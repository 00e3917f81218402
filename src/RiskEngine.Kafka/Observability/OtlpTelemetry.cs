using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Kafka.Observability;

/// <summary>
/// Exports the "RiskEngine" meter (<see cref="EngineMetrics"/>) and activity source (<see cref="EngineTracing"/>) over
/// OTLP while the host runs, when <see cref="TelemetryOptions"/> enables it; stopping the host flushes what is pending.
/// Without it no listener exists, so tracing costs nothing per event.
/// </summary>
public sealed partial class OtlpTelemetry(IOptions<TelemetryOptions> options, ILogger<OtlpTelemetry> logger) : IHostedService, IDisposable
{
    private readonly TelemetryOptions _options = options.Value;
    private MeterProvider? _meters;
    private TracerProvider? _traces;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(_options.ServiceName);
        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(EngineMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)_options.MetricExportInterval.TotalMilliseconds;
            })
            .Build();
        _traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(EngineTracing.SourceName)
            .AddOtlpExporter(exporter => Configure(exporter, "v1/traces"))
            .Build();
        var endpoint = _options.OtlpEndpoint?.ToString() ?? Environment.GetEnvironmentVariable(TelemetryOptions.EndpointEnvironmentVariable)!;
        LogExporting(logger, endpoint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Disposing a provider exports what it still holds.
        Interlocked.Exchange(ref _meters, null)?.Dispose();
        Interlocked.Exchange(ref _traces, null)?.Dispose();
    }

    private void Configure(OtlpExporterOptions exporter, string httpPath)
    {
        if (_options.OtlpEndpoint is not { } endpoint)
        {
            // The exporter reads the OTEL_EXPORTER_OTLP_* environment variables itself.
            return;
        }

        exporter.Protocol = _options.Protocol;
        // Set in code, an OTLP/HTTP endpoint is used as it is: the signal's path must be on it.
        exporter.Endpoint = _options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + httpPath)
            : endpoint;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exporting the RiskEngine metrics and traces over OTLP to {Endpoint}")]
    private static partial void LogExporting(ILogger logger, string endpoint);
}
