using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskEngine.Caep.Tokens;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Dispatch;

/// <summary>
/// Takes each SET from the SET topic and, for every stream that is not disabled, delivers its event type and carries
/// its subject, re-addresses it to the stream (its <c>aud</c>, a <c>jti</c> of its own) and writes it to the outbox,
/// all streams in one transaction. Returning is what lets the offset be committed, so a store that is down is waited
/// for rather than skipped; a SET written twice (a replay after a crash) is kept once.
/// </summary>
public sealed partial class SetDispatcher : ISecurityEventTokenHandler
{
    private static readonly TimeSpan FirstStoreRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastStoreRetry = TimeSpan.FromSeconds(30);

    private readonly ISsfStore _store;
    private readonly StreamRegistry _streams;
    private readonly SecurityEventTokenIssuer _issuer;
    private readonly OutboxSignal _signal;
    private readonly ILogger<SetDispatcher> _logger;

    public SetDispatcher(ISsfStore store, StreamRegistry streams, SecurityEventTokenIssuer issuer, OutboxSignal signal, ILogger<SetDispatcher> logger)
    {
        _store = store;
        _streams = streams;
        _issuer = issuer;
        _signal = signal;
        _logger = logger;
    }

    public string Name => "ssf";

    public void Handle(in InputMessage message, Headers headers, CancellationToken cancellationToken)
    {
        var token = Encoding.UTF8.GetString(message.Value.Span);
        if (!IncomingSet.TryRead(token, out var set, out var error))
        {
            LogUnreadable(_logger, message.Partition, message.Offset, error!);
            return;
        }

        // The message key is the identity, so one user's SETs keep their order whatever their sub_id looks like.
        var subjectKey = message.Key.Length > 0
            ? "key:" + Encoding.UTF8.GetString(message.Key.Span)
            : set!.Subject is { } subject ? SubjectFilter.Canonical(subject) : "jti";
        DispatchAsync(set!, subjectKey, message.Partition, message.Offset, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>Writes the SET to the outbox of every stream that takes it; returns how many streams did.</summary>
    public async Task<int> DispatchAsync(IncomingSet set, string subjectKey, int partition, long offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        for (var delay = FirstStoreRetry; ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastStoreRetry.Ticks)))
        {
            try
            {
                var entries = new List<OutboxEntry>();
                foreach (var route in await _streams.CurrentAsync(cancellationToken))
                {
                    var stream = route.Stream;
                    if (stream.Status == StreamStatus.Disabled || !stream.Delivers(set.EventType) || !route.Subjects.Matches(set.Subject))
                    {
                        continue;
                    }

                    IssuedSecurityEventToken readdressed;
                    try
                    {
                        readdressed = _issuer.Readdress(set.Token, stream.StreamId, stream.Audiences);
                    }
                    catch (ArgumentException ex)
                    {
                        // The stream's audience is one no SET can carry; the other streams still get theirs.
                        LogStreamSkipped(_logger, stream.StreamId, ex.Message);
                        continue;
                    }

                    entries.Add(new OutboxEntry
                    {
                        StreamId = stream.StreamId,
                        Jti = readdressed.Jti,
                        SubjectKey = subjectKey,
                        EventType = set.EventType,
                        Token = readdressed.Token,
                    });
                }

                if (entries.Count > 0)
                {
                    await _store.EnqueueAsync(entries, cancellationToken);
                    _signal.Raise();
                }

                return entries.Count;
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                // Not a SET this engine signed (or no longer verifiable): no stream gets it, and it must not stop the others.
                LogNotReaddressed(_logger, partition, offset, set.EventType, ex.Message);
                return 0;
            }
            catch (DbException ex)
            {
                LogStoreUnavailable(_logger, partition, offset, delay, ex);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SET topic partition {Partition} offset {Offset} is not a SET and is skipped: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SET topic partition {Partition} offset {Offset} ({EventType}) could not be re-addressed to the streams and is skipped: {Reason}")]
    private static partial void LogNotReaddressed(ILogger logger, int partition, long offset, string eventType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SSF stream {StreamId} cannot be sent SETs: {Reason}")]
    private static partial void LogStreamSkipped(ILogger logger, string streamId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The SSF outbox could not be written for SET topic partition {Partition} offset {Offset}; retrying in {Delay} without committing it")]
    private static partial void LogStoreUnavailable(ILogger logger, int partition, long offset, TimeSpan delay, Exception exception);
}
