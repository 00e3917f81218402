namespace RiskEngine.Sources.Compression;

/// <summary>
/// The outcome of <see cref="BoundedGzipInflater"/>: the inflated <see cref="Payload"/> (pooled: dispose it), or
/// why there is none in <see cref="Error"/>, a text fit for a dead-letter reason or an HTTP error body.
/// </summary>
public readonly record struct GzipInflateResult(GzipInflateStatus Status, InflatedPayload? Payload, string? Error)
{
    public bool Succeeded => Status == GzipInflateStatus.Inflated;

    internal static GzipInflateResult Inflated(InflatedPayload payload) => new(GzipInflateStatus.Inflated, payload, null);

    internal static GzipInflateResult Failed(GzipInflateStatus status, string error) => new(status, null, error);
}
