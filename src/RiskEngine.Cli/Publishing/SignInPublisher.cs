using Confluent.Kafka;
using RiskEngine.Simulation;

namespace RiskEngine.Cli.Publishing;

/// <summary>Produces simulated Entra sign-ins to the sign-in topic, keyed by identity, at a steady rate.</summary>
public sealed class SignInPublisher : IDisposable
{
    private readonly MessagePublisher _publisher;
    private readonly string _topic;

    public SignInPublisher(ProducerConfig config, string topic)
    {
        _publisher = new MessagePublisher(config);
        _topic = topic;
    }

    /// <summary>
    /// Publishes <paramref name="signIns"/> at <paramref name="eventsPerSecond"/> (0: as fast as possible),
    /// calling <paramref name="beforeProduce"/> with each just before it is handed to the client.
    /// Returns the number published; waits until Kafka has acknowledged all of them.
    /// </summary>
    public long Publish(IEnumerable<SimulatedSignIn> signIns, double eventsPerSecond, Action<SimulatedSignIn>? beforeProduce, CancellationToken cancellationToken) =>
        _publisher.Publish(signIns, s => new OutgoingMessage(_topic, s.IdentityId, s.Payload, s.Time), eventsPerSecond, beforeProduce, cancellationToken);

    public void Dispose() => _publisher.Dispose();
}
