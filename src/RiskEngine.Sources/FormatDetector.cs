using System.Text.Json;

namespace RiskEngine.Sources;

/// <summary>
/// Tells which source format a message is in, for topics that carry several: from the first top-level
/// property that only one format writes. Reads no further than that property's name.
/// </summary>
public static class FormatDetector
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>
    /// The format of <paramref name="message"/>, or null when no format's fields were found; then
    /// <paramref name="malformed"/> says what is wrong with it if it is not even JSON.
    /// </summary>
    public static SourceFormat? Detect(ReadOnlySpan<byte> message, out string? malformed)
    {
        malformed = null;
        if (message.Length >= 2 && message[0] == 0x1f && message[1] == 0x8b)
        {
            // Only OPA's decision-log plugin ships gzip-compressed batches.
            return SourceFormat.Opa;
        }

        try
        {
            var reader = new Utf8JsonReader(message, ReaderOptions);
            if (!reader.Read())
            {
                malformed = "an empty message";
                return null;
            }

            // An array holds events of one format: judge it by its first element.
            if (reader.TokenType == JsonTokenType.StartArray && !reader.Read())
            {
                malformed = "an array cut short";
                return null;
            }

            return reader.TokenType == JsonTokenType.StartObject ? DetectObject(ref reader) : null;
        }
        catch (JsonException ex)
        {
            malformed = ex.Message;
            return null;
        }
    }

    private static SourceFormat? DetectObject(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (FormatOf(ref reader) is { } format)
            {
                return format;
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    private static SourceFormat? FormatOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("records"u8) || reader.ValueTextEquals("createdDateTime"u8) ||
            reader.ValueTextEquals("userPrincipalName"u8) || reader.ValueTextEquals("conditionalAccessStatus"u8))
        {
            return SourceFormat.Entra;
        }

        if (reader.ValueTextEquals("published"u8) || reader.ValueTextEquals("eventType"u8) ||
            reader.ValueTextEquals("displayMessage"u8))
        {
            return SourceFormat.Okta;
        }

        if (reader.ValueTextEquals("decision_id"u8))
        {
            return SourceFormat.Opa;
        }

        if (reader.ValueTextEquals("client.addr"u8) || reader.ValueTextEquals("client.id"u8) ||
            reader.ValueTextEquals("total_ns"u8) || reader.ValueTextEquals("processing_ns"u8))
        {
            return SourceFormat.Linkerd;
        }

        if (reader.ValueTextEquals("start_time"u8) || reader.ValueTextEquals("response_code"u8) ||
            reader.ValueTextEquals("upstream_cluster"u8) || reader.ValueTextEquals("response_flags"u8))
        {
            return SourceFormat.Envoy;
        }

        return null;
    }
}
