using RiskEngine.Core.Identity.Checkpoints;

namespace RiskEngine.Core.Identity;

/// <summary>
/// What the engine remembers of an identity's requests to other workloads: when it first made one (its learning
/// period runs from then), the destinations it calls, the new ones it has just begun calling, and its traffic
/// per event-time bucket: requests, client errors and bytes sent. Allocated by
/// <see cref="IdentityState"/> on the identity's first request, so identities that make none pay nothing.
/// </summary>
public sealed class WorkloadHistory
{
    /// <summary>The most known destinations: the CLOCK eviction keeps one reference bit per destination in a word.</summary>
    public const int MaxKnownDestinations = 64;

    /// <summary>New destinations awaiting their rollout window at once; a third waits for a free slot.</summary>
    public const int PendingDestinationSlots = 2;

    private readonly ulong[] _known;
    private readonly long _firstRequestTicks;
    private ulong _referenced;
    private byte _knownCount;
    private byte _hand;
    private PendingDestinationBuffer _pending;
    private TrafficSeries _requests;
    private TrafficSeries _clientErrors;
    private TrafficSeries _bytesSent;

    public WorkloadHistory(int knownDestinationCapacity, DateTimeOffset firstRequestAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(knownDestinationCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(knownDestinationCapacity, MaxKnownDestinations);
        _known = new ulong[knownDestinationCapacity];
        _firstRequestTicks = firstRequestAt.UtcTicks;
    }

    public DateTimeOffset FirstRequestAt => new(_firstRequestTicks, TimeSpan.Zero);

    public ref TrafficSeries Requests => ref _requests;

    /// <summary>Requests answered 4xx: refused (401, 403), or asking for what is not there (404).</summary>
    public ref TrafficSeries ClientErrors => ref _clientErrors;

    /// <summary>Bytes the destinations sent back: what the workload took from them.</summary>
    public ref TrafficSeries BytesSent => ref _bytesSent;

    public int KnownDestinationCount => _knownCount;

    public int KnownDestinationCapacity => _known.Length;

    /// <summary>Whether <paramref name="destination"/> (a hash of its name) is among those this workload calls.</summary>
    public bool KnowsDestination(ulong destination) => Array.IndexOf(_known, destination, 0, _knownCount) >= 0;

    /// <summary>
    /// Remembers a call to <paramref name="destination"/>. When full, evicts by CLOCK (second chance): a sweep
    /// passes over destinations called since its last pass and takes the first that was not, which approximates
    /// least-recently-used with one bit per destination instead of a timestamp.
    /// </summary>
    public void RememberDestination(ulong destination)
    {
        var index = Array.IndexOf(_known, destination, 0, _knownCount);
        if (index < 0)
        {
            index = _knownCount < _known.Length ? _knownCount++ : NextEvicted();
            _known[index] = destination;
        }

        _referenced |= 1UL << index;
    }

    /// <summary>The slot of the pending <paramref name="destination"/>, or -1.</summary>
    public int PendingIndexOf(ulong destination)
    {
        for (var i = 0; i < PendingDestinationSlots; i++)
        {
            if (_pending[i].Name is not null && _pending[i].Destination == destination)
            {
                return i;
            }
        }

        return -1;
    }

    public PendingDestination PendingAt(int slot) => _pending[slot];

    /// <summary>The slot of the pending destination first called longest ago whose window has passed, or -1.</summary>
    public int OldestExpiredPending(DateTimeOffset now, TimeSpan window)
    {
        var oldest = -1;
        for (var i = 0; i < PendingDestinationSlots; i++)
        {
            if (_pending[i].Name is not null && _pending[i].HasExpired(now, window) &&
                (oldest < 0 || _pending[i].FirstSeenTicks < _pending[oldest].FirstSeenTicks))
            {
                oldest = i;
            }
        }

        return oldest;
    }

    /// <summary>Holds a new destination in a free slot; false when every slot is taken.</summary>
    public bool TryAddPending(PendingDestination pending)
    {
        ArgumentNullException.ThrowIfNull(pending.Name);
        for (var i = 0; i < PendingDestinationSlots; i++)
        {
            if (_pending[i].Name is null)
            {
                _pending[i] = pending;
                return true;
            }
        }

        return false;
    }

    public void UpdatePending(int slot, PendingDestination pending)
    {
        ArgumentNullException.ThrowIfNull(pending.Name);
        _pending[slot] = pending;
    }

    /// <summary>Ends the wait of a pending destination, judged or explained, and makes it a known one.</summary>
    public void ResolvePending(int slot)
    {
        RememberDestination(_pending[slot].Destination);
        _pending[slot] = default;
    }

    private int NextEvicted()
    {
        while ((_referenced & (1UL << _hand)) != 0)
        {
            _referenced &= ~(1UL << _hand);
            _hand = (byte)((_hand + 1) % _known.Length);
        }

        var evicted = _hand;
        _hand = (byte)((_hand + 1) % _known.Length);
        return evicted;
    }

    internal void WriteTo(StateWriter writer)
    {
        writer.WriteInt64(_firstRequestTicks);
        writer.WriteCount(_known.Length);
        writer.WriteCount(_knownCount);
        for (var i = 0; i < _knownCount; i++)
        {
            writer.WriteUInt64(_known[i]);
        }

        writer.WriteUInt64(_referenced);
        writer.WriteByte(_hand);
        for (var i = 0; i < PendingDestinationSlots; i++)
        {
            var pending = _pending[i];
            writer.WriteString(pending.Name);
            if (pending.Name is not null)
            {
                writer.WriteUInt64(pending.Destination);
                writer.WriteInt64(pending.FirstSeenTicks);
                writer.WriteString(pending.FirstAddress);
                writer.WriteRaw(pending.Addresses);
            }
        }

        writer.WriteRaw(in _requests);
        writer.WriteRaw(in _clientErrors);
        writer.WriteRaw(in _bytesSent);
    }

    /// <summary>A history as <see cref="WriteTo"/> wrote it, with the capacity it was written with.</summary>
    internal static WorkloadHistory ReadFrom(ref StateReader reader)
    {
        var firstRequestTicks = reader.ReadInt64();
        var capacity = reader.ReadCount(MaxKnownDestinations);
        if (capacity < 1)
        {
            throw reader.Malformed("a workload history without room for a destination");
        }

        var history = new WorkloadHistory(capacity, new DateTimeOffset(firstRequestTicks, TimeSpan.Zero))
        {
            _knownCount = (byte)reader.ReadCount(capacity),
        };
        for (var i = 0; i < history._knownCount; i++)
        {
            history._known[i] = reader.ReadUInt64();
        }

        history._referenced = reader.ReadUInt64();
        history._hand = reader.ReadByte();
        if (history._hand >= capacity)
        {
            throw reader.Malformed($"a CLOCK hand at {history._hand} of {capacity} destinations");
        }

        for (var i = 0; i < PendingDestinationSlots; i++)
        {
            if (reader.ReadString() is { } name)
            {
                history._pending[i] = new PendingDestination(reader.ReadUInt64(), name, reader.ReadInt64(), reader.ReadString(), reader.ReadRaw<SourceAddresses>());
            }
        }

        history._requests = reader.ReadRaw<TrafficSeries>();
        history._clientErrors = reader.ReadRaw<TrafficSeries>();
        history._bytesSent = reader.ReadRaw<TrafficSeries>();
        return history;
    }
}
