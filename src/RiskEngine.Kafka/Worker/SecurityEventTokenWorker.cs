using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Pipeline;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Consumes the SET topic (<see cref="TopicOptions.Revocations"/>) in a consumer group of its own and hands each
/// message to one <see cref="ISecurityEventTokenHandler"/>, through the stages' consume loop: the offset is stored
/// only once the handler has returned, so what it had not finished is consumed again after a restart.
/// </summary>
public sealed class SecurityEventTokenWorker : StageWorker
{
    private readonly ISecurityEventTokenHandler _handler;
    private CancellationToken _stoppingToken;

    public SecurityEventTokenWorker(
        ISecurityEventTokenHandler handler,
        KafkaConnection connection,
        IOptions<KafkaOptions> kafka,
        IOptions<TopicOptions> topics,
        IHostApplicationLifetime lifetime,
        ILogger<SecurityEventTokenWorker> logger)
        : base(connection, lifetime, logger)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(topics);
        _handler = handler;
        ConsumerGroup = kafka.Value.ConsumerGroup + "-" + handler.Name;
        InputTopics = [topics.Value.Revocations];
    }

    private protected override string StageName => _handler.Name;

    private protected override string ConsumerGroup { get; }

    private protected override IReadOnlyCollection<string> InputTopics { get; }

    private protected override IReadOnlyCollection<string> OutputTopics => [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stoppingToken = stoppingToken;
        return base.ExecuteAsync(stoppingToken);
    }

    private protected override void Open(TrackedProducer producer)
    {
    }

    private protected override void Process(in InputMessage message, Headers headers) => _handler.Handle(message, headers, _stoppingToken);
}
