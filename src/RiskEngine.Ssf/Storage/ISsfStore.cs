using RiskEngine.Storage;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Storage;

/// <summary>
/// Streams, their subjects and the outbox, durably: SQLite (<see cref="SqliteDialect"/>) or PostgreSQL
/// (<see cref="PostgreSqlDialect"/>) behind one implementation, <see cref="DapperSsfStore"/>.
/// </summary>
public interface ISsfStore
{
    /// <summary>Names the database in logs, without secrets.</summary>
    string Description { get; }

    /// <summary>Creates the tables when they are missing; run once at start.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    Task CreateStreamAsync(StreamConfiguration stream, CancellationToken cancellationToken);

    Task<StreamConfiguration?> GetStreamAsync(string streamId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamConfiguration>> ListStreamsAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the stream's configuration and status; false when there is no such stream.</summary>
    Task<bool> UpdateStreamAsync(StreamConfiguration stream, CancellationToken cancellationToken);

    /// <summary>Deletes the stream with its subjects and its outbox; false when there is no such stream.</summary>
    Task<bool> DeleteStreamAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a verification request at <paramref name="nowMs"/> unless the last one was less than
    /// <paramref name="minIntervalMs"/> before; false when it was (or the stream is gone).
    /// </summary>
    Task<bool> TryRecordVerificationAsync(string streamId, long nowMs, long minIntervalMs, CancellationToken cancellationToken);

    Task SetSubjectAsync(StreamSubject subject, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamSubject>> ListSubjectsAsync(CancellationToken cancellationToken);

    /// <summary>Adds SETs in one transaction; one already there (same stream and jti) is left as it is. Returns how many were new.</summary>
    Task<int> EnqueueAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Pending SETs of push streams that may go out now: the stream is enabled (or the SET is a control event), the
    /// attempt is due, and no earlier SET of the same stream and subject is still pending. Oldest first.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> DuePushAsync(long nowMs, int limit, CancellationToken cancellationToken);

    /// <summary>When the earliest retry of a deliverable push SET falls due, if any is waiting.</summary>
    Task<long?> NextPushAttemptAsync(CancellationToken cancellationToken);

    /// <summary>Pending SETs of one stream, oldest first; held events of a stream not enabled are left out unless asked for.</summary>
    Task<IReadOnlyList<OutboxEntry>> PendingAsync(string streamId, bool includeHeld, int limit, CancellationToken cancellationToken);

    /// <summary>How many SETs each stream with any still has pending (held ones included): the outbox's depth.</summary>
    Task<IReadOnlyDictionary<string, long>> PendingCountsAsync(CancellationToken cancellationToken);

    /// <summary>Removes acknowledged SETs; returns how many of the given jtis were pending for the stream.</summary>
    Task<int> AcknowledgeAsync(string streamId, IReadOnlyCollection<string> jtis, CancellationToken cancellationToken);

    /// <summary>Keeps the SET with the receiver's error and stops delivering it; false when the stream holds no such pending SET.</summary>
    Task<bool> RejectAsync(string streamId, string jti, string reason, CancellationToken cancellationToken);

    Task ScheduleRetryAsync(long seq, int attempts, long nextAttemptMs, string reason, CancellationToken cancellationToken);

    /// <summary>The SETs of a stream that were refused or given up on, newest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> RejectedAsync(string streamId, int limit, CancellationToken cancellationToken);

    /// <summary>Drops the events a stream holds (not its control events): a disabled stream does not keep them.</summary>
    Task<int> DropHeldAsync(string streamId, CancellationToken cancellationToken);
}
