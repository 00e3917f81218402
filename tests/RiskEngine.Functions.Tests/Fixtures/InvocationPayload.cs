using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RiskEngine.Functions.Tests.Fixtures;

/// <summary>
/// Invocation requests as the Functions host sends them for an Event Hubs trigger with cardinality "many" and
/// dataType "string": the bodies under the binding's name, and the trigger metadata (PartitionContext, the
/// per-event arrays, SystemPropertiesArray, sys). <c>wrapped</c> sends the batch and each metadata array as a
/// JSON string holding it, as some host versions do.
/// </summary>
internal static class InvocationPayload
{
    public const string Namespace = "contoso-risk.servicebus.windows.net";
    public const string ConsumerGroup = "riskengine";

    public static string Build(string function, string eventHub, int partition, long firstSequenceNumber, IReadOnlyList<string> bodies, DateTimeOffset enqueued, bool wrapped, IReadOnlyList<string?>? partitionKeys = null)
    {
        var count = bodies.Count;
        var sequenceNumbers = Enumerable.Range(0, count).Select(i => firstSequenceNumber + i).ToArray();
        var offsets = sequenceNumbers.Select(s => (s * 1024).ToString(CultureInfo.InvariantCulture)).ToArray();
        var times = Enumerable.Range(0, count).Select(i => enqueued.AddMilliseconds(i).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).ToArray();
        var keys = partitionKeys ?? new string?[count];
        var system = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["x-opt-sequence-number"] = sequenceNumbers[i],
            ["x-opt-offset"] = offsets[i],
            ["x-opt-enqueued-time"] = times[i],
            ["SequenceNumber"] = sequenceNumbers[i],
            ["Offset"] = offsets[i],
            ["PartitionKey"] = keys[i],
            ["EnqueuedTimeUtc"] = times[i],
        })]);

        JsonNode Maybe(JsonNode node) => wrapped ? JsonValue.Create(node.ToJsonString())! : node;
        var request = new JsonObject
        {
            ["Data"] = new JsonObject { ["events"] = Maybe(new JsonArray([.. bodies.Select(b => (JsonNode)JsonValue.Create(b)!)])) },
            ["Metadata"] = new JsonObject
            {
                ["PartitionContext"] = new JsonObject
                {
                    ["FullyQualifiedNamespace"] = Namespace,
                    ["EventHubName"] = eventHub,
                    ["ConsumerGroup"] = ConsumerGroup,
                    ["PartitionId"] = partition.ToString(CultureInfo.InvariantCulture),
                },
                ["PartitionKeyArray"] = Maybe(new JsonArray([.. keys.Select(k => (JsonNode?)JsonValue.Create(k))])),
                ["OffsetArray"] = Maybe(new JsonArray([.. offsets.Select(o => (JsonNode)JsonValue.Create(o)!)])),
                ["SequenceNumberArray"] = Maybe(new JsonArray([.. sequenceNumbers.Select(s => (JsonNode)JsonValue.Create(s)!)])),
                ["EnqueuedTimeUtcArray"] = Maybe(new JsonArray([.. times.Select(t => (JsonNode)JsonValue.Create(t)!)])),
                ["PropertiesArray"] = Maybe(new JsonArray([.. Enumerable.Range(0, count).Select(_ => (JsonNode)new JsonObject())])),
                ["SystemPropertiesArray"] = Maybe(system),
                ["sys"] = new JsonObject
                {
                    ["MethodName"] = function,
                    ["UtcNow"] = enqueued.AddSeconds(1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                    ["RandGuid"] = Guid.NewGuid().ToString(),
                },
            },
        };
        return request.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
