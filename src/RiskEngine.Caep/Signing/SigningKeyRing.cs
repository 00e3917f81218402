using Microsoft.Extensions.Logging;

namespace RiskEngine.Caep.Signing;

/// <summary>
/// The rotation rules of <see cref="SigningOptions"/> over the keys the sources hold, as a function of time:
/// which key signs and which are published. Not thread-safe; <see cref="SigningKeyProvider"/> serialises calls.
/// </summary>
internal sealed partial class SigningKeyRing : IDisposable
{
    private readonly TimeSpan _publishAhead;
    private readonly TimeSpan _retention;
    private readonly ILogger _logger;

    // In the order found, so the last eligible one is the newest and the first present one the oldest.
    private readonly List<Entry> _entries = [];
    private Entry? _signing;

    public SigningKeyRing(TimeSpan publishAhead, TimeSpan retention, ILogger logger)
    {
        _publishAhead = publishAhead;
        _retention = retention;
        _logger = logger;
    }

    /// <summary>
    /// Records the keys the sources hold at <paramref name="now"/>, oldest first; a key with a known kid is kept as
    /// first loaded. Keys are disposed only with the ring, never while running: a key just replaced may still be
    /// signing on another thread.
    /// </summary>
    public void Update(IReadOnlyList<(SigningKey Key, string Source)> found, DateTimeOffset now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((SigningKey key, string source) in found)
        {
            if (!seen.Add(key.Kid))
            {
                continue;
            }

            Entry? entry = _entries.Find(e => e.Key.Kid == key.Kid);
            if (entry is null)
            {
                _entries.Add(new Entry(key, source, now));
                string eligibleAt = (now + _publishAhead).ToString("O", null);
                LogPublished(_logger, key.Kid, key.Algorithm, source, eligibleAt);
            }
            else if (!entry.Present)
            {
                // The file came back: it may sign again, with the private key just read.
                entry.Key = key;
                entry.Present = true;
            }
        }

        foreach (Entry entry in _entries.Where(e => e.Present && !seen.Contains(e.Key.Kid)).ToList())
        {
            entry.Present = false;
            if (entry == _signing)
            {
                continue;
            }

            if (entry.LastSignedAt is { } lastSigned)
            {
                // Keep only the public part: the operator removed the private key for a reason.
                entry.Key = entry.Key.PublicOnly();
                string publishedUntil = (lastSigned + _retention).ToString("O", null);
                LogRemoved(_logger, entry.Key.Kid, entry.Source, publishedUntil);
            }
            else
            {
                _entries.Remove(entry);
                LogRetired(_logger, entry.Key.Kid);
            }
        }

        if (_signing is { Present: false } stranded && !_entries.Exists(e => e.Present))
        {
            LogNoKeyPresent(_logger, stranded.Key.Kid);
        }
    }

    /// <summary>Decides at <paramref name="now"/> which key signs and which are published.</summary>
    public SigningKeySnapshot Evaluate(DateTimeOffset now)
    {
        Entry? signing = _entries.LastOrDefault(e => e.Present && now >= e.FoundAt + _publishAhead)
            ?? _entries.Find(e => e.Present)
            ?? _signing
            ?? throw new InvalidOperationException("No signing key has been loaded.");
        if (signing != _signing)
        {
            if (_signing is { } previous)
            {
                previous.LastSignedAt = now;
                if (!previous.Present)
                {
                    previous.Key = previous.Key.PublicOnly();
                    string publishedUntil = (now + _retention).ToString("O", null);
                    LogRemoved(_logger, previous.Key.Kid, previous.Source, publishedUntil);
                }
            }

            signing.LastSignedAt = null;
            _signing = signing;
            LogActivated(_logger, signing.Key.Kid, signing.Key.Algorithm, signing.Source);
        }

        foreach (Entry expired in _entries.Where(e => !e.Present && e != _signing && now >= e.LastSignedAt + _retention).ToList())
        {
            _entries.Remove(expired);
            LogRetired(_logger, expired.Key.Kid);
        }

        DateTimeOffset nextChange = DateTimeOffset.MaxValue;
        foreach (Entry entry in _entries)
        {
            DateTimeOffset? change = entry.Present ? entry.FoundAt + _publishAhead : entry.LastSignedAt + _retention;
            if (change > now && change < nextChange)
            {
                nextChange = change.Value;
            }
        }

        return new SigningKeySnapshot(signing.Key, [.. _entries.Select(e => e.Key)], nextChange);
    }

    public void Dispose()
    {
        foreach (Entry entry in _entries)
        {
            entry.Key.Dispose();
        }

        _entries.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published signing key {Kid} ({Algorithm}) from {Source}; it may sign from {EligibleAt}")]
    private static partial void LogPublished(ILogger logger, string kid, string algorithm, string source, string eligibleAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing Security Event Tokens with key {Kid} ({Algorithm}) from {Source}")]
    private static partial void LogActivated(ILogger logger, string kid, string algorithm, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {Kid} was removed from {Source}; it no longer signs and stays published until {PublishedUntil}")]
    private static partial void LogRemoved(ILogger logger, string kid, string source, string publishedUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retired signing key {Kid}: no SET it signed can still be outstanding, so it left the JWKS")]
    private static partial void LogRetired(ILogger logger, string kid);

    [LoggerMessage(Level = LogLevel.Error, Message = "No signing key source holds a key any more; still signing with key {Kid}, which is kept in memory")]
    private static partial void LogNoKeyPresent(ILogger logger, string kid);

    private sealed class Entry(SigningKey key, string source, DateTimeOffset foundAt)
    {
        public SigningKey Key { get; set; } = key;

        public string Source { get; } = source;

        public DateTimeOffset FoundAt { get; } = foundAt;

        public bool Present { get; set; } = true;

        /// <summary>When it stopped signing; null while it signs or if it never did.</summary>
        public DateTimeOffset? LastSignedAt { get; set; }
    }
}
