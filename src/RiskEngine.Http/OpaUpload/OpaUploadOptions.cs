using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Http.OpaUpload;

/// <summary>
/// The OPA decision-log upload endpoint (<c>POST /logs</c>). Bound from the "OpaUpload" section. Bearer
/// tokens come from <see cref="TokenFile"/> (one per line, so an old and a new token can both be accepted
/// while OPAs are rotated; re-read when it changes; see <see cref="Authorization.BearerTokenStore"/>) or the
/// RISKENGINE_OPA_UPLOAD_TOKEN environment variable.
/// </summary>
public sealed class OpaUploadOptions
{
    public const string SectionName = "OpaUpload";
    public const string TokenEnvironmentVariable = "RISKENGINE_OPA_UPLOAD_TOKEN";

    public string? TokenFile { get; set; }

    /// <summary>The body as sent (gzip-compressed as OPA sends it); larger uploads are refused with 413.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The body once inflated: a gzip bomb is refused with 413 when it passes this, without inflating the rest.</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxInflatedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How long to wait for Kafka to acknowledge a batch before answering 503 so that OPA retries.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
