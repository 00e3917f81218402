using Confluent.Kafka;
using RiskEngine.Pipeline;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Something that consumes the SET topic in a consumer group of its own through a <see cref="SecurityEventTokenWorker"/>:
/// the offset of a message is committed only after <see cref="Handle"/> returns for it.
/// </summary>
public interface ISecurityEventTokenHandler
{
    /// <summary>Names the consumer in logs and, after the engine's group, in its consumer group ("riskengine-ssf").</summary>
    string Name { get; }

    /// <summary>
    /// Takes one SET message (key = subject, value = compact SET) with its Kafka <paramref name="headers"/> (per
    /// <see cref="RevocationHeaders"/>) and returns once it is durably handled; throwing stops the engine without
    /// committing the message.
    /// </summary>
    void Handle(in InputMessage message, Headers headers, CancellationToken cancellationToken);
}
