using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Ssf.Authorization;
using RiskEngine.Ssf.Http;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Delivery.Poll;

/// <summary>
/// RFC 8936 poll delivery for one stream: records what the receiver acknowledges (the SETs leave the outbox) or
/// refuses (kept with the error), then returns the oldest SETs still pending, waiting up to the long-poll timeout
/// for one unless asked to return at once. A SET returned and not acknowledged is returned again by the next poll.
/// A paused stream returns only SSF's own events; its others wait until it is enabled.
/// </summary>
public sealed partial class PollEndpoint
{
    private readonly ISsfStore _store;
    private readonly OutboxSignal _signal;
    private readonly SsfAuthorization _authorization;
    private readonly SsfOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PollEndpoint> _logger;

    public PollEndpoint(ISsfStore store, OutboxSignal signal, SsfAuthorization authorization, IOptions<SsfOptions> options, TimeProvider time, ILogger<PollEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _signal = signal;
        _authorization = authorization;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(HttpContext context, string streamId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        try
        {
            var stream = await _store.GetStreamAsync(streamId, cancellationToken);
            if (_authorization.AuthorizePoll(context, stream?.Delivery.AuthorizationHeader) is { } refused)
            {
                return refused;
            }

            if (stream is null)
            {
                throw SsfRequestException.NotFound(streamId);
            }

            if (stream.Delivery.IsPush)
            {
                throw new SsfRequestException($"stream '{streamId}' is delivered by push, not poll");
            }

            PollRequest request;
            using (var body = await JsonRequestBody.ReadAsync(context.Request, _options.MaxRequestBytes, cancellationToken))
            {
                request = PollRequest.Read(body.RootElement);
            }

            await _store.AcknowledgeAsync(streamId, request.Ack, cancellationToken);
            foreach (var (jti, error) in request.SetErrors)
            {
                if (await _store.RejectAsync(streamId, jti, error, cancellationToken))
                {
                    LogRefused(_logger, streamId, jti, error);
                }
            }

            var limit = Math.Min(request.MaxEvents ?? _options.Poll.DefaultMaxEvents, _options.Poll.MaxEventsLimit);
            var waitUntil = _time.GetUtcNow() + (request.ReturnImmediately || limit == 0 ? TimeSpan.Zero : _options.Poll.LongPollTimeout);
            while (true)
            {
                var changed = _signal.Changed;
                // The status is read again each round: a stream enabled while a poll waits releases what it held.
                var current = await _store.GetStreamAsync(streamId, cancellationToken) ?? throw SsfRequestException.NotFound(streamId);
                var pending = await _store.PendingAsync(streamId, includeHeld: current.Status == StreamStatus.Enabled, limit + 1, cancellationToken);
                var remaining = waitUntil - _time.GetUtcNow();
                if ((pending.Count > 0 && limit > 0) || remaining <= TimeSpan.Zero)
                {
                    return Sets(pending, limit);
                }

                var recheck = remaining < _options.Push.IdleCheckInterval ? remaining : _options.Push.IdleCheckInterval;
                await Task.WhenAny(changed, Task.Delay(recheck, _time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (SsfRequestException ex)
        {
            return SsfResults.Error(ex);
        }
    }

    private static IResult Sets(IReadOnlyList<OutboxEntry> pending, int limit) => SsfResults.Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("sets"u8);
        foreach (var entry in pending.Take(limit))
        {
            writer.WriteString(entry.Jti, entry.Token);
        }

        writer.WriteEndObject();
        writer.WriteBoolean("moreAvailable"u8, pending.Count > limit);
        writer.WriteEndObject();
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSF stream {StreamId}: the receiver refused SET {Jti}: {Error}")]
    private static partial void LogRefused(ILogger logger, string streamId, string jti, string error);
}
