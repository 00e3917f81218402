using System.Text;
using Confluent.Kafka;
using RiskEngine.Core.Events;
using RiskEngine.Kafka.Backpressure;
using RiskEngine.Kafka.Observability;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Sources.Canonical;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Takes the decode stage's outputs to Kafka: each event as canonical JSON onto the identity-keyed events
/// topic (the key is the identity, so all of an identity's events land in one partition), refusals onto the
/// dead-letter topic. Headers name the input each event came from, and its trace when traces are listened to
/// (<see cref="EngineTracing"/>); where each event landed is reported to
/// <see cref="EventsTopicProgress"/> when there is one (not in a host that only decodes).
/// </summary>
internal sealed class KafkaDecodeSink(TrackedProducer producer, DeadLetterProducer deadLetters, TopicOptions topics, EngineMetrics metrics, IEngineObserver[] observers, EventsTopicProgress? progress = null) : IDecodeSink
{
    private readonly Action<TopicPartitionOffset>? _onWritten = progress is null ? null : written => progress.Written(written.Partition.Value, written.Offset.Value);

    public void OnDecoded(IdentityEvent identityEvent, in InputMessage source)
    {
        metrics.Decoded(identityEvent.Source);
        foreach (var observer in observers)
        {
            observer.OnDecoded(identityEvent);
        }

        using var trace = EngineTracing.StartDecoded(identityEvent);
        var headers = EventHeaders.From(source);
        EngineTracing.Inject(trace, headers);
        producer.Produce(topics.Events, new Message<byte[]?, byte[]>
        {
            Key = Encoding.UTF8.GetBytes(identityEvent.IdentityId),
            Value = IdentityEventJson.ToUtf8Bytes(identityEvent),
            Timestamp = source.Timestamp is { } sent ? new Timestamp(sent) : Timestamp.Default,
            Headers = headers,
        },
        _onWritten);
    }

    public void OnDeadLetter(in DeadLetter deadLetter) => deadLetters.Produce(deadLetter);

    public void OnSkipped(in InputMessage source, string kind) => metrics.Skipped(kind);
}
