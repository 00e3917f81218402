using System.Text.Json;

namespace RiskEngine.Ssf.Streams;

/// <summary>Writes a stream as the management API returns it and as the store keeps it.</summary>
internal static class StreamJson
{
    /// <summary>The stream configuration of SSF §8.1.1, without the delivery's authorization header (a receiver's credential).</summary>
    public static void WriteConfiguration(Utf8JsonWriter writer, StreamConfiguration stream, string issuer, TimeSpan minVerificationInterval)
    {
        writer.WriteStartObject();
        writer.WriteString("stream_id"u8, stream.StreamId);
        writer.WriteString("iss"u8, issuer);
        WriteAudience(writer, stream.Audiences);
        WriteArray(writer, "events_supported"u8, TransmittedEvents.Supported);
        WriteArray(writer, "events_requested"u8, stream.EventsRequested);
        WriteArray(writer, "events_delivered"u8, stream.EventsDelivered);
        writer.WriteStartObject("delivery"u8);
        writer.WriteString("method"u8, stream.Delivery.Method);
        writer.WriteString("endpoint_url"u8, stream.Delivery.EndpointUrl);
        writer.WriteEndObject();
        writer.WriteNumber("min_verification_interval"u8, (long)Math.Ceiling(minVerificationInterval.TotalSeconds));
        if (stream.Description is { } description)
        {
            writer.WriteString("description"u8, description);
        }

        writer.WriteEndObject();
    }

    /// <summary>The receiver-supplied members, read back with <see cref="StreamRequest.Read"/>.</summary>
    public static string WriteStored(StreamConfiguration stream)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteArray(writer, "aud"u8, stream.Audiences);
            WriteArray(writer, "events_requested"u8, stream.EventsRequested);
            writer.WriteStartObject("delivery"u8);
            writer.WriteString("method"u8, stream.Delivery.Method);
            writer.WriteString("endpoint_url"u8, stream.Delivery.EndpointUrl);
            if (stream.Delivery.AuthorizationHeader is { } authorization)
            {
                writer.WriteString("authorization_header"u8, authorization);
            }

            writer.WriteEndObject();
            if (stream.Description is { } description)
            {
                writer.WriteString("description"u8, description);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A single audience as a string, several as an array, as in a SET's <c>aud</c>.</summary>
    private static void WriteAudience(Utf8JsonWriter writer, IReadOnlyList<string> audiences)
    {
        if (audiences.Count == 1)
        {
            writer.WriteString("aud"u8, audiences[0]);
        }
        else
        {
            WriteArray(writer, "aud"u8, audiences);
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
