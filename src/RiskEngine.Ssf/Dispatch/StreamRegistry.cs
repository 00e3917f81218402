using Microsoft.Extensions.Options;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Dispatch;

/// <summary>
/// The streams and their subjects, read from the store once and kept until a management call here changes them or
/// <see cref="SsfOptions.StreamRefreshInterval"/> passes (for changes made through another instance).
/// </summary>
public sealed class StreamRegistry
{
    private readonly ISsfStore _store;
    private readonly SsfOptions _options;
    private readonly TimeProvider _time;
    private Snapshot? _snapshot;

    public StreamRegistry(ISsfStore store, IOptions<SsfOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _time = time;
    }

    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    public async Task<IReadOnlyList<StreamRoute>> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = _time.GetTimestamp();
        if (snapshot is not null && _time.GetElapsedTime(snapshot.LoadedAt, now) < _options.StreamRefreshInterval)
        {
            return snapshot.Routes;
        }

        var streams = await _store.ListStreamsAsync(cancellationToken);
        var subjects = (await _store.ListSubjectsAsync(cancellationToken)).ToLookup(subject => subject.StreamId, StringComparer.Ordinal);
        StreamRoute[] routes = [.. streams.Select(stream => new StreamRoute(stream, new SubjectFilter(_options.DefaultSubjects, subjects[stream.StreamId])))];
        // A snapshot read while a change was being made may miss it; Invalidate after the change discards this one again.
        Interlocked.CompareExchange(ref _snapshot, new Snapshot(routes, now), snapshot);
        return routes;
    }

    private sealed record Snapshot(StreamRoute[] Routes, long LoadedAt);
}
