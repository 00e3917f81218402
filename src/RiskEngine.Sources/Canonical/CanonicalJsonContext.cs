using System.Text.Json.Serialization;
using RiskEngine.Core.Events;

namespace RiskEngine.Sources.Canonical;

/// <summary>Source-generated serialization of the canonical event, as schemas/identity-event.schema.json describes it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(IdentityEvent))]
internal sealed partial class CanonicalJsonContext : JsonSerializerContext;
