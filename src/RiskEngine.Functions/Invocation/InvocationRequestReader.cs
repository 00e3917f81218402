using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Functions.Invocation;

/// <summary>
/// Reads the Functions host's invocation request for an Event Hubs trigger,
/// <c>{"Data": {"&lt;binding&gt;": [...]}, "Metadata": {"PartitionContext": {...}, "SequenceNumberArray": [...], ...}}</c>.
/// The batch may be a JSON array or a JSON string holding one, and so may each metadata value; each event may be a
/// string (dataType <c>string</c>) or JSON the host has already parsed.
/// </summary>
public static class InvocationRequestReader
{
    public static EventHubBatch? Read(ReadOnlyMemory<byte> request, string binding, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(request);
            return Read(document.RootElement, binding, out error);
        }
        catch (JsonException ex)
        {
            error = $"the invocation request is not valid JSON: {ex.Message}";
            return null;
        }
    }

    private static EventHubBatch? Read(JsonElement root, string binding, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object || Property(root, "Data") is not { ValueKind: JsonValueKind.Object } data)
        {
            error = "the invocation request has no \"Data\" object";
            return null;
        }

        if (Property(data, binding) is not { } trigger)
        {
            error = $"the invocation request's \"Data\" has no \"{binding}\" (the trigger binding's name in function.json)";
            return null;
        }

        using var unwrapped = Unwrap(trigger);
        var events = unwrapped?.RootElement ?? trigger;
        if (events.ValueKind != JsonValueKind.Array)
        {
            error = $"\"Data.{binding}\" is {events.ValueKind}, not the array of events of a trigger with cardinality \"many\" (nor a string holding one)";
            return null;
        }

        var metadata = root.TryGetProperty("Metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        using var partitionDocument = Unwrap(Property(metadata, "PartitionContext"));
        var partition = partitionDocument?.RootElement ?? Property(metadata, "PartitionContext") ?? default;
        using var sequenceNumbers = MetadataArray(metadata, "SequenceNumberArray");
        using var offsets = MetadataArray(metadata, "OffsetArray");
        using var partitionKeys = MetadataArray(metadata, "PartitionKeyArray");
        using var enqueuedTimes = MetadataArray(metadata, "EnqueuedTimeUtcArray");
        using var systemProperties = MetadataArray(metadata, "SystemPropertiesArray");

        var batch = new List<EventHubEvent>(events.GetArrayLength());
        var index = 0;
        foreach (var item in events.EnumerateArray())
        {
            var system = systemProperties.At(index);
            batch.Add(new EventHubEvent(
                Body(item),
                Int64(sequenceNumbers.At(index) ?? Property(system, "SequenceNumber")),
                Text(offsets.At(index) ?? Property(system, "Offset")),
                Text(partitionKeys.At(index) ?? Property(system, "PartitionKey")),
                Time(enqueuedTimes.At(index) ?? Property(system, "EnqueuedTimeUtc"))));
            index++;
        }

        return new EventHubBatch(Text(Property(partition, "EventHubName")), Text(Property(partition, "ConsumerGroup")), Text(Property(partition, "PartitionId")), batch);
    }

    private static ReadOnlyMemory<byte> Body(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => Encoding.UTF8.GetBytes(item.GetString()!),
        _ => Encoding.UTF8.GetBytes(item.GetRawText()),
    };

    private static MetadataValues MetadataArray(JsonElement metadata, string name)
    {
        var value = Property(metadata, name);
        var unwrapped = Unwrap(value);
        var array = unwrapped?.RootElement ?? value;
        return new MetadataValues(array is { ValueKind: JsonValueKind.Array } ? array : null, unwrapped);
    }

    /// <summary>A JSON string holding an array or object, parsed; null for anything else.</summary>
    private static JsonDocument? Unwrap(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.String } text || text.GetString() is not { } inner || inner.AsSpan().TrimStart() is not ['[' or '{', ..])
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(inner);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The host writes member names as the binding contract spells them; match without regard to case, as it does.
    private static JsonElement? Property(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static long? Int64(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var number) => number,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    // The host writes DateTime values of kind UTC, sometimes without a zone designator: read those as UTC too.
    private static DateTimeOffset? Time(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } s
        && DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private readonly struct MetadataValues(JsonElement? array, JsonDocument? owner) : IDisposable
    {
        public JsonElement? At(int index) => array is { } values && index < values.GetArrayLength() ? values[index] : null;

        public void Dispose() => owner?.Dispose();
    }
}
