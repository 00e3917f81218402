using System.Text.Json;

namespace RiskEngine.Sources.Mesh;

/// <summary>The fields of Istio's JSON access log line the engine uses, as they stream past: positions, not strings.</summary>
internal struct EnvoyFields
{
    public DateTimeOffset? StartTime;
    public long? ResponseCode;
    public long? BytesReceived;
    public long? BytesSent;
    public double? Duration;
    public RawJsonValue Method;
    public RawJsonValue Path;
    public RawJsonValue Authority;
    public RawJsonValue ResponseFlags;
    public RawJsonValue ResponseCodeDetails;
    public RawJsonValue XForwardedFor;
    public RawJsonValue DownstreamRemoteAddress;
    public RawJsonValue UserAgent;

    /// <summary>
    /// Whether any of start_time, method, response_code, response_flags, response_code_details or authority was
    /// there, even as "-". Not path: an OPA decision has a top-level "path" too.
    /// </summary>
    public bool HasAccessLogField;

    /// <summary>Reads the value of <paramref name="field"/> (the reader is on it); returns an error text or null.</summary>
    public string? Read(EnvoyField field, ref Utf8JsonReader reader)
    {
        switch (field)
        {
            case EnvoyField.StartTime:
                HasAccessLogField = true;
                return MeshJson.ReadTimestamp(ref reader, "start_time", out StartTime);
            case EnvoyField.Method:
                HasAccessLogField = true;
                return MeshJson.ReadText(ref reader, "method", out Method);
            case EnvoyField.Path:
                return MeshJson.ReadText(ref reader, "path", out Path);
            case EnvoyField.Authority:
                HasAccessLogField = true;
                return MeshJson.ReadText(ref reader, "authority", out Authority);
            case EnvoyField.ResponseCode:
                HasAccessLogField = true;
                return MeshJson.ReadInt64(ref reader, "response_code", 0, 999, "an HTTP status code (0 to 999)", out ResponseCode);
            case EnvoyField.ResponseFlags:
                HasAccessLogField = true;
                return MeshJson.ReadText(ref reader, "response_flags", out ResponseFlags);
            case EnvoyField.ResponseCodeDetails:
                HasAccessLogField = true;
                return MeshJson.ReadText(ref reader, "response_code_details", out ResponseCodeDetails);
            case EnvoyField.BytesReceived:
                return MeshJson.ReadInt64(ref reader, "bytes_received", 0, long.MaxValue, "a byte count", out BytesReceived);
            case EnvoyField.BytesSent:
                return MeshJson.ReadInt64(ref reader, "bytes_sent", 0, long.MaxValue, "a byte count", out BytesSent);
            case EnvoyField.Duration:
                return MeshJson.ReadNonNegativeDouble(ref reader, "duration", "a duration in milliseconds", out Duration);
            case EnvoyField.XForwardedFor:
                return MeshJson.ReadText(ref reader, "x_forwarded_for", out XForwardedFor);
            case EnvoyField.DownstreamRemoteAddress:
                return MeshJson.ReadText(ref reader, "downstream_remote_address", out DownstreamRemoteAddress);
            case EnvoyField.UserAgent:
                return MeshJson.ReadText(ref reader, "user_agent", out UserAgent);
            default:
                return null;
        }
    }

    /// <summary>Which field a property name is, by its unescaped UTF-8 bytes: a length switch, then one comparison.</summary>
    public static EnvoyField Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("path"u8) => EnvoyField.Path,
        6 when name.SequenceEqual("method"u8) => EnvoyField.Method,
        8 when name.SequenceEqual("duration"u8) => EnvoyField.Duration,
        9 when name.SequenceEqual("authority"u8) => EnvoyField.Authority,
        10 when name.SequenceEqual("start_time"u8) => EnvoyField.StartTime,
        10 when name.SequenceEqual("bytes_sent"u8) => EnvoyField.BytesSent,
        10 when name.SequenceEqual("user_agent"u8) => EnvoyField.UserAgent,
        13 when name.SequenceEqual("response_code"u8) => EnvoyField.ResponseCode,
        14 when name.SequenceEqual("response_flags"u8) => EnvoyField.ResponseFlags,
        14 when name.SequenceEqual("bytes_received"u8) => EnvoyField.BytesReceived,
        15 when name.SequenceEqual("x_forwarded_for"u8) => EnvoyField.XForwardedFor,
        21 when name.SequenceEqual("response_code_details"u8) => EnvoyField.ResponseCodeDetails,
        25 when name.SequenceEqual("downstream_remote_address"u8) => EnvoyField.DownstreamRemoteAddress,
        _ => EnvoyField.Unknown,
    };
}

/// <summary>The fields of Istio's default JSON access log format the decoder reads; the rest are skipped.</summary>
internal enum EnvoyField : byte
{
    Unknown,
    StartTime,
    Method,
    Path,
    Authority,
    ResponseCode,
    ResponseFlags,
    ResponseCodeDetails,
    BytesReceived,
    BytesSent,
    Duration,
    XForwardedFor,
    DownstreamRemoteAddress,
    UserAgent,
}
