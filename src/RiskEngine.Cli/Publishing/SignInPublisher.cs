using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Simulation;

namespace RiskEngine.Cli.Publishing;

/// <summary>
/// Produces simulated sign-ins to the sign-in topic, keyed by identity, at a steady rate. The Kafka
/// timestamp is the event time, as a log shipper that preserves creation time would write it.
/// </summary>
public sealed class SignInPublisher : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;

    public SignInPublisher(ProducerConfig config, string topic)
    {
        _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        _topic = topic;
    }

    /// <summary>
    /// Publishes <paramref name="signIns"/> at <paramref name="eventsPerSecond"/> (0: as fast as possible),
    /// calling <paramref name="beforeProduce"/> with each just before it is handed to the client.
    /// Returns the number published; waits until Kafka has acknowledged all of them.
    /// </summary>
    public long Publish(IEnumerable<SimulatedSignIn> signIns, double eventsPerSecond, Action<SimulatedSignIn>? beforeProduce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signIns);
        var started = Stopwatch.GetTimestamp();
        long published = 0;
        Error? failure = null;
        foreach (var signIn in signIns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (eventsPerSecond > 0)
            {
                WaitUntil(started + (long)(published / eventsPerSecond * Stopwatch.Frequency));
            }

            beforeProduce?.Invoke(signIn);
            var message = new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(signIn.IdentityId),
                Value = signIn.Payload,
                Timestamp = new Timestamp(signIn.Time),
            };
            ProduceWithBackpressure(message, report => failure ??= report.Error.IsError ? report.Error : null);
            published++;
        }

        _producer.Flush(cancellationToken);
        return failure is null ? published : throw new KafkaException(failure);
    }

    public void Dispose() => _producer.Dispose();

    private void ProduceWithBackpressure(Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> onDelivery)
    {
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    // Sleeps in one-millisecond steps, so events due within the same millisecond leave together. Spinning for
    // exact spacing instead would keep one of the machine's two cores busy and starve the engine it measures.
    private static void WaitUntil(long timestamp)
    {
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.Sleep(1);
        }
    }
}
