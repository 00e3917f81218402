using System.Text.Json.Serialization;

namespace RiskEngine.Core.Trust;

/// <summary>
/// The JSON of a thresholds document: camelCase members written, any case read, enums by name, indented for
/// people who edit it, and unknown members refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ThresholdSettings))]
public sealed partial class ThresholdJsonContext : JsonSerializerContext;
