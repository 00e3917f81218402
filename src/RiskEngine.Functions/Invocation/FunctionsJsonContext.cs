using System.Text.Json.Serialization;
using RiskEngine.Functions.DeadLetters;

namespace RiskEngine.Functions.Invocation;

/// <summary>The handler's JSON, generated at build time (no reflection in the self-contained handler).</summary>
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(StoredInvocation))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
