using RiskEngine.Simulation.Labels;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Traffic;

/// <summary>One message as a producer sends it: one event, or (Entra's diagnostic settings) an envelope of several.</summary>
/// <param name="Labels">The labels of the events it holds, in order.</param>
public sealed record FramedMessage(SourceFormat Format, string Key, DateTimeOffset Time, byte[] Payload, IReadOnlyList<EventLabel> Labels);
