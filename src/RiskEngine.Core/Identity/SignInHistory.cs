using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;
using RiskEngine.Core.Identity.Checkpoints;

namespace RiskEngine.Core.Identity;

/// <summary>
/// What an identity's sign-ins taught: the last successful one (a few facts, not the event), the recent devices and
/// networks it used, how often it used each address, autonomous system, country, user agent and kind of device (the
/// rare-attributes histories, which also say which countries, autonomous systems and user agents are known), its
/// recent failures, the sessions it held, and how often it used MFA and compliant or managed devices. Sized for
/// millions of identities: the devices, networks, failures and sessions are 32-bit keys in one array laid out by
/// <see cref="SignInHistoryLayout"/>; about 520 bytes in all with the default layout. The devices and networks are kept
/// most recent first, so when a set is full the value used longest ago makes room. Changed only by
/// <see cref="Observe"/>, after the signals have judged the event.
/// </summary>
public sealed class SignInHistory
{
    private static readonly SignInTrait[] KeptTraits = [.. Enum.GetValues<SignInTrait>().Where(trait => SignInHistoryLayout.CountedAs(trait) is null)];

    private readonly SignInHistoryLayout _layout;
    private readonly uint[] _slots;
    private int _nextFailure;
    private int _nextSession;
    private uint _lastMfaApproval;
    private ShareCounter _mfa;
    private ShareCounter _compliant;
    private ShareCounter _managed;

    private IdentityFeatureHistories _featureHistories;

    // The last successful sign-in, field by field: an IdentityEvent would keep every string of it alive. Coordinates
    // in floats (about a metre at the equator) rather than a nullable pair of doubles: 8 bytes, not 24.
    private long _lastTicks;
    private float _lastLatitude = float.NaN;
    private float _lastLongitude;
    private string? _lastCity;
    private string? _lastCountry;
    private int _lastAutonomousSystem;
    private uint _lastNetwork;

    public SignInHistory(SignInHistoryLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _slots = new uint[layout.Length];
    }

    public int SuccessfulSignIns { get; private set; }

    public LastSignIn? LastSuccessfulSignIn => _lastTicks == 0
        ? null
        : new LastSignIn(
            new DateTimeOffset(_lastTicks, TimeSpan.Zero),
            float.IsNaN(_lastLatitude) ? null : new GeoCoordinates(_lastLatitude, _lastLongitude),
            _lastCity,
            _lastCountry,
            _lastAutonomousSystem,
            _lastNetwork);

    /// <summary>How often the identity signed in from each address, network, country, user agent and device kind, for rare-attributes.</summary>
    public ref IdentityFeatureHistories FeatureHistories => ref _featureHistories;

    /// <summary>Of the interactive sign-ins that said, how many satisfied MFA (without legacy authentication).</summary>
    public Share Mfa => _mfa.Value;

    /// <summary>Of the successful sign-ins that said, how many came from a compliant device.</summary>
    public Share CompliantDevices => _compliant.Value;

    /// <summary>Of the successful sign-ins that said, how many came from a managed device.</summary>
    public Share ManagedDevices => _managed.Value;

    public bool Knows(SignInTrait trait, uint key) =>
        key != StableHash.None &&
        (SignInHistoryLayout.CountedAs(trait) is { } feature ? _featureHistories[feature].CountOfKey(key) > 0 : Values(trait).IndexOf(key) >= 0);

    /// <summary>How many values of a device or network trait are kept; 0 for a trait counted in <see cref="FeatureHistories"/>.</summary>
    public int KnownCount(SignInTrait trait)
    {
        var values = Values(trait);
        var count = values.IndexOf(StableHash.None);
        return count < 0 ? values.Length : count;
    }

    /// <summary>How many failed authentications are remembered in [from, to]; at most the layout's failure capacity.</summary>
    public int FailuresBetween(DateTimeOffset from, DateTimeOffset to) => CountFailures(from, to, mfaDenialsOnly: false, out _);

    /// <summary>
    /// The MFA denials in [from, to] since the last MFA approval, and when the first of them was; what MFA fatigue
    /// counts, so that one run of denials is answered by one approval only.
    /// </summary>
    public int MfaDenialsSinceApproval(DateTimeOffset from, DateTimeOffset to, out DateTimeOffset first)
    {
        var sinceApproval = _lastMfaApproval == 0 ? from : Max(from, EventSeconds.ToTime(_lastMfaApproval).AddSeconds(1));
        var count = CountFailures(sinceApproval, to, mfaDenialsOnly: true, out var firstSeconds);
        first = EventSeconds.ToTime(firstSeconds);
        return count;
    }

    /// <summary>Where a session or token (by key) was first seen from, when this identity has held it.</summary>
    public bool TryFindSession(uint sessionKey, out SessionSighting sighting)
    {
        sighting = default;
        if (sessionKey == StableHash.None)
        {
            return false;
        }

        var sessions = Sessions();
        for (var i = 0; i < sessions.Length; i += SignInHistoryLayout.SessionWidth)
        {
            if (sessions[i] == sessionKey)
            {
                sighting = new SessionSighting(sessions[i + 1], (int)sessions[i + 2], sessions[i + 3]);
                return true;
            }
        }

        return false;
    }

    /// <summary>Learns from an authentication, by the keys the scorer computed for it, after the signals have judged it.</summary>
    public void Observe(IdentityEvent signIn, in SignInKeys keys)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (!signIn.Succeeded)
        {
            RecordFailure(signIn.Timestamp, mfaDenied: signIn.MfaSatisfied == false);
            return;
        }

        SuccessfulSignIns = SuccessfulSignIns == int.MaxValue ? int.MaxValue : SuccessfulSignIns + 1;
        if (signIn.MfaSatisfied == true)
        {
            _lastMfaApproval = Math.Max(_lastMfaApproval, EventSeconds.Of(signIn.Timestamp));
        }

        foreach (var trait in KeptTraits)
        {
            Remember(trait, keys[trait]);
        }

        _featureHistories.Record(keys.Observation);

        // Only interactive sign-ins tell whether a person used MFA: a non-interactive refresh rides on an earlier
        // sign-in's MFA and Entra logs it as single-factor. Legacy protocols cannot do MFA at all.
        if (signIn.Kind == EventKind.SignIn && signIn.Interactive && (signIn.MfaSatisfied.HasValue || signIn.LegacyAuthentication == true))
        {
            _mfa.Add(signIn.MfaSatisfied == true && signIn.LegacyAuthentication != true);
        }

        _compliant.Add(signIn.DeviceCompliant);
        _managed.Add(signIn.DeviceManaged);
        RememberSession(keys.SessionKey, signIn, keys);
        RememberSession(keys.TokenKey, signIn, keys);

        var ticks = signIn.Timestamp.UtcTicks;
        if (_lastTicks == 0 || ticks >= _lastTicks)
        {
            (_lastTicks, _lastCity, _lastCountry) = (ticks, signIn.City, signIn.CountryOrRegion);
            (_lastLatitude, _lastLongitude) = signIn.Coordinates is { } at ? ((float)at.Latitude, (float)at.Longitude) : (float.NaN, 0);
            _lastAutonomousSystem = signIn.AutonomousSystemNumber ?? 0;
            _lastNetwork = keys.NetworkKey;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private Span<uint> Values(SignInTrait trait) => _slots.AsSpan(_layout.Offset(trait), _layout.Capacity(trait));

    private Span<uint> Failures() => _slots.AsSpan(_layout.FailuresOffset, _layout.FailureCapacity);

    private Span<uint> Sessions() => _slots.AsSpan(_layout.SessionsOffset, _layout.SessionCapacity * SignInHistoryLayout.SessionWidth);

    /// <summary>Moves the value to the front, the most recent; a new value pushes the least recent one out.</summary>
    private void Remember(SignInTrait trait, uint key)
    {
        if (key == StableHash.None)
        {
            return;
        }

        // Each value steps one slot back until the slot the key came from, or an empty one, or the end, takes the
        // last: over a handful of slots this beats IndexOf plus an overlapping CopyTo, which the profile showed as the
        // costliest part of learning from a sign-in.
        var values = Values(trait);
        var carried = key;
        var slot = 0;
        do
        {
            (values[slot], carried) = (carried, values[slot]);
            slot++;
        }
        while (carried != key && carried != StableHash.None && slot < values.Length);
    }

    // A failure is kept as its EventSeconds shifted left, with the low bit marking an MFA denial.
    private void RecordFailure(DateTimeOffset at, bool mfaDenied)
    {
        var failures = Failures();
        failures[_nextFailure] = (EventSeconds.Of(at) << 1) | (mfaDenied ? 1u : 0u);
        _nextFailure = (_nextFailure + 1) % failures.Length;
    }

    private int CountFailures(DateTimeOffset from, DateTimeOffset to, bool mfaDenialsOnly, out uint first)
    {
        first = uint.MaxValue;
        var (fromSeconds, toSeconds) = (EventSeconds.Of(from), EventSeconds.Of(to));
        var count = 0;
        foreach (var failure in Failures())
        {
            var seconds = failure >> 1;
            if (failure == 0 || seconds < fromSeconds || seconds > toSeconds || (mfaDenialsOnly && (failure & 1) == 0))
            {
                continue;
            }

            count++;
            first = Math.Min(first, seconds);
        }

        return count;
    }

    /// <summary>Keeps where a session was first seen from; a session already known keeps its first sighting.</summary>
    private void RememberSession(uint sessionKey, IdentityEvent signIn, in SignInKeys keys)
    {
        if (sessionKey == StableHash.None || TryFindSession(sessionKey, out _))
        {
            return;
        }

        var at = Sessions()[(_nextSession * SignInHistoryLayout.SessionWidth)..];
        at[0] = sessionKey;
        at[1] = keys.AddressKey;
        at[2] = (uint)Math.Max(signIn.AutonomousSystemNumber ?? 0, 0);
        at[3] = keys.DeviceKey;
        _nextSession = (_nextSession + 1) % _layout.SessionCapacity;
    }

    /// <summary>
    /// A share in 16-bit counters, halved when they fill so they never overflow and recent sign-ins weigh more
    /// than those of long ago.
    /// </summary>
    private struct ShareCounter
    {
        private const int Limit = 1024;
        private ushort _known;
        private ushort _matching;

        public readonly Share Value => new(_known, _matching);

        public void Add(bool? matches)
        {
            if (matches is not { } value)
            {
                return;
            }

            if (_known == Limit)
            {
                (_known, _matching) = ((ushort)(_known / 2), (ushort)(_matching / 2));
            }

            _known++;
            _matching += value ? (ushort)1 : (ushort)0;
        }
    }

    internal void WriteTo(StateWriter writer)
    {
        writer.WriteCount(_slots.Length);
        writer.WriteUInt32s(_slots);
        writer.WriteCount(_nextFailure);
        writer.WriteCount(_nextSession);
        writer.WriteUInt32(_lastMfaApproval);
        writer.WriteRaw(in _mfa);
        writer.WriteRaw(in _compliant);
        writer.WriteRaw(in _managed);
        writer.WriteRaw(in _featureHistories);
        writer.WriteCount(SuccessfulSignIns);
        writer.WriteInt64(_lastTicks);
        writer.WriteSingle(_lastLatitude);
        writer.WriteSingle(_lastLongitude);
        writer.WriteString(_lastCity);
        writer.WriteString(_lastCountry);
        writer.WriteUInt32(unchecked((uint)_lastAutonomousSystem));
        writer.WriteUInt32(_lastNetwork);
    }

    /// <exception cref="InvalidDataException">The history was written with another layout (the trust options changed its sizes).</exception>
    internal static SignInHistory ReadFrom(ref StateReader reader, SignInHistoryLayout layout)
    {
        if (reader.ReadCount() != layout.Length)
        {
            throw reader.Malformed($"a sign-in history of another layout than the configured one ({layout.Length} slots)");
        }

        var history = new SignInHistory(layout);
        reader.ReadUInt32s(history._slots);
        history._nextFailure = reader.ReadCount(layout.FailureCapacity - 1);
        history._nextSession = reader.ReadCount(layout.SessionCapacity - 1);
        history._lastMfaApproval = reader.ReadUInt32();
        history._mfa = reader.ReadRaw<ShareCounter>();
        history._compliant = reader.ReadRaw<ShareCounter>();
        history._managed = reader.ReadRaw<ShareCounter>();
        history._featureHistories = reader.ReadRaw<IdentityFeatureHistories>();
        history.SuccessfulSignIns = reader.ReadCount();
        history._lastTicks = reader.ReadInt64();
        history._lastLatitude = reader.ReadSingle();
        history._lastLongitude = reader.ReadSingle();
        history._lastCity = reader.ReadString();
        history._lastCountry = reader.ReadString();
        history._lastAutonomousSystem = unchecked((int)reader.ReadUInt32());
        history._lastNetwork = reader.ReadUInt32();
        return history;
    }
}
