namespace RiskEngine.Sources.Compression;

/// <summary>How inflating a gzip payload ended.</summary>
public enum GzipInflateStatus
{
    /// <summary>Every member inflated, checksums and lengths verified, within the limit.</summary>
    Inflated,

    /// <summary>Not gzip, corrupt, truncated, or followed by bytes that are not a gzip member (HTTP 400).</summary>
    Corrupt,

    /// <summary>Inflates past the limit; inflating stopped one byte past it (HTTP 413).</summary>
    TooLarge,
}
