using Confluent.Kafka;
using RiskEngine.Simulation.Labels;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Cli.Publishing;

/// <summary><c>simulate --bootstrap-servers</c>: a run produced to the topics the engine reads each format from.</summary>
public static class TrafficPublisher
{
    /// <summary>
    /// Produces the run of <paramref name="simulator"/>: OPA decisions to <paramref name="decisionsTopic"/> (read as
    /// <c>Opa</c>), everything else to <paramref name="signInsTopic"/> (whose format is detected per message), at
    /// <paramref name="messagesPerSecond"/> (0: as fast as possible); the labels, as JSON lines, to
    /// <paramref name="labels"/> when given.
    /// </summary>
    /// <returns>The number of messages produced, once Kafka has acknowledged all of them.</returns>
    public static long Publish(
        TrafficSimulator simulator,
        int entraRecordsPerMessage,
        ProducerConfig config,
        string signInsTopic,
        string decisionsTopic,
        double messagesPerSecond,
        Stream? labels,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var publisher = new MessagePublisher(config);
        return publisher.Publish(
            MessageFraming.Frame(simulator.Generate(), entraRecordsPerMessage, simulator.Options.TenantId),
            message => new OutgoingMessage(message.Format == SourceFormat.Opa ? decisionsTopic : signInsTopic, message.Key, message.Payload, message.Time),
            messagesPerSecond,
            message =>
            {
                foreach (var label in message.Labels)
                {
                    labels?.Write(LabelJson.Write(label));
                    labels?.WriteByte((byte)'\n');
                }
            },
            cancellationToken);
    }
}
