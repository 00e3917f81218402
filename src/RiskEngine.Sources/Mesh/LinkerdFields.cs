using System.Text.Json;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// The fields of a Linkerd proxy JSON access log line the engine uses, as they stream past. The proxy writes
/// its tracing span's fields flat, dots and all ("client.addr", "client.id"); status as a number, the byte
/// counts and nanosecond timings as strings ("" when the header was absent).
/// </summary>
internal struct LinkerdFields
{
    public DateTimeOffset? Timestamp;
    public long? Status;
    public long? RequestBytes;
    public long? ResponseBytes;
    public double? TotalNs;
    public RawJsonValue ClientAddress;
    public RawJsonValue ClientId;
    public RawJsonValue Host;
    public RawJsonValue Method;
    public RawJsonValue Uri;
    public RawJsonValue UserAgent;

    /// <summary>Whether any of client.addr, client.id or uri was there, even as "-": what no other format has.</summary>
    public bool HasAccessLogField;

    public string? Read(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 3 when name.SequenceEqual("uri"u8):
                HasAccessLogField = true;
                return MeshJson.ReadText(ref reader, "uri", out Uri);
            case 4 when name.SequenceEqual("host"u8):
                return MeshJson.ReadText(ref reader, "host", out Host);
            case 6 when name.SequenceEqual("method"u8):
                return MeshJson.ReadText(ref reader, "method", out Method);
            case 6 when name.SequenceEqual("status"u8):
                return MeshJson.ReadInt64(ref reader, "status", 0, 999, "an HTTP status code (0 to 999)", out Status);
            case 8 when name.SequenceEqual("total_ns"u8):
                return MeshJson.ReadNonNegativeDouble(ref reader, "total_ns", "a duration in nanoseconds", out TotalNs);
            case 9 when name.SequenceEqual("timestamp"u8):
                return MeshJson.ReadTimestamp(ref reader, "timestamp", out Timestamp);
            case 9 when name.SequenceEqual("client.id"u8):
                HasAccessLogField = true;
                return MeshJson.ReadText(ref reader, "client.id", out ClientId);
            case 10 when name.SequenceEqual("user_agent"u8):
                return MeshJson.ReadText(ref reader, "user_agent", out UserAgent);
            case 11 when name.SequenceEqual("client.addr"u8):
                HasAccessLogField = true;
                return MeshJson.ReadText(ref reader, "client.addr", out ClientAddress);
            case 13 when name.SequenceEqual("request_bytes"u8):
                return MeshJson.ReadInt64(ref reader, "request_bytes", 0, long.MaxValue, "a byte count", out RequestBytes);
            case 14 when name.SequenceEqual("response_bytes"u8):
                return MeshJson.ReadInt64(ref reader, "response_bytes", 0, long.MaxValue, "a byte count", out ResponseBytes);
            default:
                return null;
        }
    }
}
