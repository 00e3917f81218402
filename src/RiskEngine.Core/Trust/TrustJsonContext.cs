using System.Text.Json.Serialization;

namespace RiskEngine.Core.Trust;

/// <summary>The JSON of an assessment: camelCase members, levels by name, ready for a Kafka header or a log line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TrustAssessment))]
public sealed partial class TrustJsonContext : JsonSerializerContext;
