using RiskEngine.Simulation.Labels;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Traffic;

/// <summary>One simulated event as its producer writes it, with its ground truth.</summary>
/// <param name="Format">The source format: where it goes (its file, its topic) and which decoder reads it.</param>
/// <param name="Key">The message key: the identity the event is about.</param>
/// <param name="Time">The event time, also the Kafka timestamp a shipper that keeps creation time would write.</param>
/// <param name="Payload">UTF-8 JSON: a Graph signIn, an Okta LogEvent, an Envoy or Linkerd access log line, an OPA decision event.</param>
public sealed record SimulatedMessage(SourceFormat Format, string Key, DateTimeOffset Time, byte[] Payload, EventLabel Label);
