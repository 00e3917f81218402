using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Opa.Client;

namespace RiskEngine.Opa.Mirror;

/// <summary>
/// Keeps OPA's document at <see cref="OpaOptions.DataPath"/> equal to the set of revocations in force, so a
/// Rego rule reading <c>data.riskengine.revoked.subjects[input.user.id]</c> denies at once.
/// <para>
/// Callers change the wanted set (<see cref="ReplaceAll"/>, <see cref="Apply"/>, <see cref="Remove"/>) from any
/// thread without waiting; <see cref="RunAsync"/>'s single loop brings OPA to it. It starts with a full resync
/// (PUT of the whole document), then sends only what changed as one JSON Patch per round: changes made while a
/// request is in flight, or within <see cref="OpaOptions.CoalesceWindow"/> of the first, share the next PATCH. It
/// compares the wanted set with what OPA last confirmed, so a change undone before it was sent costs nothing, and
/// a failed request loses nothing: its keys are simply still different. Entries are removed when they expire.
/// A PATCH answered 404, or a periodic read-back finding the document gone or different (OPA restarted with
/// empty data), leads to a resync; so does a refused PATCH. While OPA is down the loop keeps retrying with
/// jittered exponential backoff, and the changes made meanwhile go out with the first request that succeeds.
/// </para>
/// </summary>
public sealed partial class RevocationMirror
{
    private readonly OpaDataClient _client;
    private readonly OpaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RevocationMirror> _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Lock _lock = new();
    private readonly Dictionary<OpaEntryKey, OpaRevocation> _wanted = [];
    private readonly HashSet<OpaEntryKey> _changed = [];
    private readonly PriorityQueue<OpaEntryKey, DateTimeOffset> _expiries = new();
    private bool _resyncWanted = true;

    // Entries in the request on its way to OPA: unconfirmed, though no longer among the changed.
    private int _inFlight;

    // What OPA last acknowledged holding; read and written by the loop alone.
    private readonly Dictionary<OpaEntryKey, OpaRevocation> _confirmed = [];
    private DateTimeOffset _nextCheck;
    private int _failures;
    private int _running;

    public RevocationMirror(OpaDataClient client, IOptions<OpaOptions> options, TimeProvider time, ILogger<RevocationMirror> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Raised on the mirror's loop each time OPA confirms entries; see <see cref="OpaConfirmedEventArgs"/>. Keep handlers quick.</summary>
    public event EventHandler<OpaConfirmedEventArgs>? Confirmed;

    /// <summary>How many revocations are in force (wanted), whether or not OPA holds them yet.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _wanted.Count;
            }
        }
    }

    /// <summary>
    /// About how many entries OPA has not acknowledged: changed since it last confirmed them or in the request on its
    /// way, and, while a resync is due, every one in force. Zero when OPA holds exactly what is wanted; rising while
    /// OPA is down or refusing.
    /// </summary>
    public int Unconfirmed
    {
        get
        {
            lock (_lock)
            {
                return _resyncWanted ? _wanted.Count : _changed.Count + _inFlight;
            }
        }
    }

    /// <summary>Replaces the whole set (expired ones dropped) and sends it to OPA with a full resync.</summary>
    public void ReplaceAll(IEnumerable<OpaRevocation> revocations)
    {
        ArgumentNullException.ThrowIfNull(revocations);
        var valid = revocations.Select(Validated).ToList();
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _wanted.Clear();
            _expiries.Clear();
            foreach (var revocation in valid)
            {
                AddLocked(revocation, now);
            }

            // The resync writes everything, so nothing is left to patch.
            _changed.Clear();
            _resyncWanted = true;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// Adds a revocation, or replaces the one at the same key when it stays in force longer (or as long, but was
    /// issued later). Returns whether the set changed: an expired or superseded revocation changes nothing.
    /// </summary>
    public bool Apply(OpaRevocation revocation)
    {
        Validated(revocation);
        bool changed;
        lock (_lock)
        {
            changed = AddLocked(revocation, _time.GetUtcNow());
        }

        if (changed)
        {
            _wake.Writer.TryWrite(true);
        }

        return changed;
    }

    /// <summary>Withdraws the revocation at <paramref name="key"/> before it expires; returns whether there was one.</summary>
    public bool Remove(OpaEntryKey key)
    {
        lock (_lock)
        {
            if (!_wanted.Remove(key))
            {
                return false;
            }

            _changed.Add(key);
        }

        _wake.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Runs the loop until <paramref name="cancellationToken"/> is cancelled. One loop per mirror.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("This mirror's loop is already running; a mirror has exactly one.");
        }

        _nextCheck = _time.GetUtcNow() + _options.ConsistencyCheckInterval;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await StepAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: OPA keeps what it has, and the next start resyncs.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private static OpaRevocation Validated(OpaRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        if (string.IsNullOrEmpty(revocation.Subject) && string.IsNullOrEmpty(revocation.Session))
        {
            // An empty key would make the patch path end in '/', which OPA trims, so the operation would hit the whole member.
            throw new ArgumentException($"A revocation needs a subject or a session id (jti '{revocation.Jti}' has neither).", nameof(revocation));
        }

        ArgumentNullException.ThrowIfNull(revocation.Subject, nameof(revocation));
        ArgumentNullException.ThrowIfNull(revocation.Jti, nameof(revocation));
        ArgumentNullException.ThrowIfNull(revocation.Reason, nameof(revocation));
        return revocation;
    }

    private bool AddLocked(OpaRevocation revocation, DateTimeOffset now)
    {
        if (revocation.ExpiresAt <= now)
        {
            return false;
        }

        var key = revocation.Key;
        if (_wanted.TryGetValue(key, out var existing) && !revocation.Supersedes(existing))
        {
            return false;
        }

        _wanted[key] = revocation;
        _changed.Add(key);
        _expiries.Enqueue(key, revocation.ExpiresAt);
        return true;
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            RemoveExpired(now);
            if (TakeResync() is { } everything)
            {
                await SendingAsync(everything.Length, () => ResyncAsync(everything, cancellationToken));
            }
            else if (TakeChanges() is { } operations)
            {
                await SendingAsync(operations.Count, () => PatchAsync(operations, cancellationToken));
            }
            else if (now >= _nextCheck)
            {
                await CheckAsync(now, cancellationToken);
            }
            else
            {
                await WaitForWorkAsync(now, cancellationToken);
                return;
            }

            _failures = 0;
        }
        catch (OpaUnavailableException e)
        {
            var delay = NextFailureDelay();
            LogUnavailable(e.Message, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OpaRequestException e)
        {
            var delay = NextFailureDelay();
            LogRefused(e.Message, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of the mirror's own must not stop the host; starting over from a resync is always correct.
            lock (_lock)
            {
                _resyncWanted = true;
            }

            var delay = NextFailureDelay();
            LogUnexpected(e, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    // Counts the entries of a request as unconfirmed while it is on its way; a failed one has put them back among the
    // changed or asked for a resync.
    private async Task SendingAsync(int entries, Func<Task> send)
    {
        lock (_lock)
        {
            _inFlight = entries;
        }

        try
        {
            await send();
        }
        finally
        {
            lock (_lock)
            {
                _inFlight = 0;
            }
        }
    }

    private TimeSpan NextFailureDelay() => RetryDelays.For(++_failures, _options.RetryInitialDelay, _options.RetryMaxDelay);

    private void RemoveExpired(DateTimeOffset now)
    {
        lock (_lock)
        {
            while (_expiries.TryPeek(out var key, out var expiresAt) && expiresAt <= now)
            {
                _expiries.Dequeue();
                // The queue may hold a superseded expiry of a key whose current revocation lasts longer.
                if (_wanted.TryGetValue(key, out var revocation) && revocation.ExpiresAt <= now)
                {
                    _wanted.Remove(key);
                    _changed.Add(key);
                }
            }
        }
    }

    private OpaRevocation[]? TakeResync()
    {
        lock (_lock)
        {
            if (!_resyncWanted)
            {
                return null;
            }

            _resyncWanted = false;
            _changed.Clear();
            return [.. _wanted.Values];
        }
    }

    /// <summary>The operations that bring OPA from what it confirmed to what is wanted for up to one PATCH's worth of changed keys; null when nothing changed.</summary>
    private List<PendingOperation>? TakeChanges()
    {
        lock (_lock)
        {
            if (_changed.Count == 0)
            {
                return null;
            }

            var keys = _changed.Take(_options.MaxOperationsPerPatch).ToList();
            var operations = new List<PendingOperation>(keys.Count);
            foreach (var key in keys)
            {
                _changed.Remove(key);
                _wanted.TryGetValue(key, out var wanted);
                _confirmed.TryGetValue(key, out var confirmed);
                if (wanted is not null && wanted != confirmed)
                {
                    operations.Add(new PendingOperation(key, wanted));
                }
                else if (wanted is null && confirmed is not null)
                {
                    operations.Add(new PendingOperation(key, null));
                }
            }

            return operations;
        }
    }

    private async Task ResyncAsync(OpaRevocation[] everything, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _client.PutDocumentAsync(OpaRevocationJson.Document(everything), cancellationToken);
        }
        catch (Exception e) when (e is OpaUnavailableException or OpaRequestException)
        {
            lock (_lock)
            {
                _resyncWanted = true;
            }

            throw;
        }

        _confirmed.Clear();
        foreach (var revocation in everything)
        {
            _confirmed[revocation.Key] = revocation;
        }

        _nextCheck = _time.GetUtcNow() + _options.ConsistencyCheckInterval;
        var sessions = everything.Count(revocation => revocation.Key.Kind == OpaEntryKind.Session);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogResynced(everything.Length - sessions, sessions, _client.DocumentPath, elapsedMs);
        RaiseConfirmed(everything, fullResync: true);
    }

    private async Task PatchAsync(List<PendingOperation> operations, CancellationToken cancellationToken)
    {
        if (operations.Count == 0)
        {
            return;
        }

        PatchOutcome outcome;
        try
        {
            outcome = await _client.PatchDocumentAsync(OpaRevocationJson.Patch(operations), cancellationToken);
        }
        catch (OpaUnavailableException)
        {
            // OPA may or may not have applied it; the keys still differ from what it confirmed, so they go again.
            lock (_lock)
            {
                foreach (var operation in operations)
                {
                    _changed.Add(operation.Key);
                }
            }

            throw;
        }
        catch (OpaRequestException)
        {
            // Whatever the patch tripped on, a PUT of the whole document does not depend on it.
            lock (_lock)
            {
                _resyncWanted = true;
            }

            throw;
        }

        if (outcome == PatchOutcome.DocumentMissing)
        {
            LogDocumentMissing(_client.DocumentPath, operations.Count);
            lock (_lock)
            {
                _resyncWanted = true;
            }

            return;
        }

        var added = new List<OpaRevocation>(operations.Count);
        foreach (var operation in operations)
        {
            if (operation.Value is { } value)
            {
                _confirmed[operation.Key] = value;
                added.Add(value);
            }
            else
            {
                _confirmed.Remove(operation.Key);
            }
        }

        LogPatched(added.Count, operations.Count - added.Count);
        RaiseConfirmed(added, fullResync: false);
    }

    private async Task CheckAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _nextCheck = now + _options.ConsistencyCheckInterval;
        var document = await _client.GetDocumentAsync(cancellationToken);
        if (Difference(document) is { } difference)
        {
            LogDrift(_client.DocumentPath, difference);
            lock (_lock)
            {
                _resyncWanted = true;
            }
        }
    }

    /// <summary>How OPA's document differs from what it confirmed (by key and jti), or null when it does not.</summary>
    private string? Difference(JsonElement? document)
    {
        if (document is not { ValueKind: JsonValueKind.Object } root)
        {
            return document is null ? "is gone (OPA restarted?)" : $"is a {document.Value.ValueKind}, not an object";
        }

        var expected = _confirmed.Count;
        var found = 0;
        foreach (var kind in (ReadOnlySpan<OpaEntryKind>)[OpaEntryKind.Subject, OpaEntryKind.Session])
        {
            var member = kind == OpaEntryKind.Subject ? OpaEntryKey.SubjectsMember : OpaEntryKey.SessionsMember;
            if (!root.TryGetProperty(member, out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                return $"has no '{member}' object";
            }

            foreach (var entry in entries.EnumerateObject())
            {
                found++;
                var jti = entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("jti", out var j) ? j.ToString() : null;
                if (!_confirmed.TryGetValue(new OpaEntryKey(kind, entry.Name), out var confirmed) || confirmed.Jti != jti)
                {
                    return $"holds {member}[{entry.Name}] with jti '{jti}', which the mirror did not write";
                }
            }
        }

        return found == expected ? null : $"holds {found} entries where the mirror wrote {expected}";
    }

    private async Task WaitForWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wait = _nextCheck - now;
        lock (_lock)
        {
            // One millisecond past the expiry, so the clock has surely passed it when the loop looks again.
            if (_expiries.TryPeek(out _, out var expiresAt) && expiresAt - now + TimeSpan.FromMilliseconds(1) < wait)
            {
                wait = expiresAt - now + TimeSpan.FromMilliseconds(1);
            }
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        try
        {
            if (await _wake.Reader.WaitToReadAsync(timer.Token))
            {
                _wake.Reader.TryRead(out _);
                if (_options.CoalesceWindow > TimeSpan.Zero)
                {
                    // Let the rest of a burst arrive so that it shares one PATCH.
                    await Task.Delay(_options.CoalesceWindow, _time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait ended: an entry expires or a consistency check is due.
        }
    }

    private void RaiseConfirmed(IReadOnlyCollection<OpaRevocation> revocations, bool fullResync)
    {
        if (Confirmed is not { } handler || revocations.Count == 0)
        {
            return;
        }

        var confirmations = revocations.Select(revocation => new OpaConfirmation(revocation.Jti, revocation.Key)).ToArray();
        try
        {
            handler(this, new OpaConfirmedEventArgs(confirmations, _time.GetUtcNow(), fullResync));
        }
        catch (Exception e)
        {
            // An observer's bug must not stop the mirror keeping OPA up to date.
            LogObserverFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OPA resynced: {Subjects} revoked subjects and {Sessions} revoked sessions written to {Path} in {ElapsedMs:0.0} ms")]
    private partial void LogResynced(int subjects, int sessions, string path, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OPA patched: {Added} entries added, {Removed} removed")]
    private partial void LogPatched(int added, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OPA answered a PATCH of {Count} operations on {Path} with 404: its document is gone (OPA restarted?); resyncing")]
    private partial void LogDocumentMissing(string path, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OPA's document at {Path} {Difference}; resyncing")]
    private partial void LogDrift(string path, string difference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failure}; the mirror keeps its changes and tries again in {DelayMs:0} ms")]
    private partial void LogUnavailable(string failure, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Failure} The mirror resyncs in {DelayMs:0} ms and keeps trying.")]
    private partial void LogRefused(string failure, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The OPA mirror failed unexpectedly; it resyncs in {DelayMs:0} ms")]
    private partial void LogUnexpected(Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of RevocationMirror.Confirmed threw; the mirror goes on")]
    private partial void LogObserverFailed(Exception exception);
}
