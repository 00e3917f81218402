using RiskEngine.Caep.Tokens;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Outbox;

/// <summary>
/// Puts SSF's own events (verification, stream-updated) in a stream's outbox. They are about the stream, not a user
/// (<c>sub_id</c> is the stream id, as opaque), and go out whatever the stream's status.
/// </summary>
public sealed class ControlEvents
{
    private readonly ISsfStore _store;
    private readonly SecurityEventTokenIssuer _issuer;
    private readonly OutboxSignal _signal;

    public ControlEvents(ISsfStore store, SecurityEventTokenIssuer issuer, OutboxSignal signal)
    {
        _store = store;
        _issuer = issuer;
        _signal = signal;
    }

    public async Task EnqueueAsync(StreamConfiguration stream, CaepEvent ssfEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(ssfEvent);
        var issued = _issuer.IssueStreamEvent(ssfEvent, stream.StreamId, stream.Audiences);
        await _store.EnqueueAsync(
            [new OutboxEntry
            {
                StreamId = stream.StreamId,
                Jti = issued.Jti,
                SubjectKey = "stream:" + stream.StreamId,
                EventType = issued.EventType,
                IsControl = true,
                Token = issued.Token,
            }],
            cancellationToken);
        _signal.Raise();
    }
}
