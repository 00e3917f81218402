using System.Collections.Concurrent;
using System.Diagnostics;

namespace RiskEngine.Cli.Measurement;

/// <summary>When each SET (by <c>jti</c> or <c>txn</c>) first reached one enforcement point, as <see cref="Stopwatch"/> timestamps.</summary>
public sealed class ArrivalLog
{
    private readonly ConcurrentDictionary<string, long> _first = new(StringComparer.Ordinal);

    public int Count => _first.Count;

    /// <summary>Keeps the first arrival only: a redelivery or a resync is not the moment enforcement began.</summary>
    public void Record(string key, long timestamp) => _first.TryAdd(key, timestamp);

    public bool TryGet(string key, out long timestamp) => _first.TryGetValue(key, out timestamp);
}
