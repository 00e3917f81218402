using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace RiskEngine.Kafka.Observability;

/// <summary>
/// Export of the "RiskEngine" meter and activity source over OTLP. Bound from "Telemetry". Off unless
/// <see cref="OtlpEndpoint"/> is set or the standard OTEL_EXPORTER_OTLP_ENDPOINT environment variable is (then the
/// exporter reads OTEL_EXPORTER_OTLP_PROTOCOL and OTEL_EXPORTER_OTLP_HEADERS itself).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";
    public const string EndpointEnvironmentVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The collector's base address, e.g. http://collector:4318 for OTLP/HTTP (the engine appends /v1/metrics and
    /// /v1/traces) or http://collector:4317 for gRPC.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How <see cref="OtlpEndpoint"/> is spoken to; OTLP/HTTP with protobuf bodies by default.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>How often metrics are exported.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    [Required]
    public string ServiceName { get; set; } = "riskengine";

    /// <summary>Whether anything is exported: an endpoint configured here or in the environment.</summary>
    public bool Enabled => OtlpEndpoint is not null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EndpointEnvironmentVariable));
}
