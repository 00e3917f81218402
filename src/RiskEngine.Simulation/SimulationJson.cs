using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RiskEngine.Simulation;

/// <summary>How every simulated format is written: compact UTF-8 JSON, one object per event.</summary>
internal static class SimulationJson
{
    // The payloads are read as JSON, never embedded in HTML, so city names and apostrophes can stay as written.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON that <paramref name="write"/> writes, as bytes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write, int sizeHint = 1024)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One object whose properties <paramref name="properties"/> writes, as bytes.</summary>
    public static byte[] WriteObject(Action<Utf8JsonWriter> properties, int sizeHint = 1024) => Write(
        json =>
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        },
        sizeHint);

    public static void WriteStringOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>ISO 8601 UTC with 7 fraction digits, as Entra writes createdDateTime.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 UTC to the millisecond, as Envoy writes start_time and Okta published.</summary>
    public static string FormatMilliseconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 UTC to the nanosecond, as Go programs (OPA, the Linkerd proxy's timestamps) write it.</summary>
    public static string FormatNanoseconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'00Z'", CultureInfo.InvariantCulture);
}
