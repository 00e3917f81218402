using System.Runtime.InteropServices;
using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;
using RiskEngine.Core.Networks;

namespace RiskEngine.Core.Identity;

/// <summary>
/// The keys of one authentication's values, computed once per event by the trust scorer and handed to every signal
/// and to sign-in history: when each signal hashed the user agent, device, country and address itself, the same
/// strings were hashed up to six times an event, a fifth of the scoring step. The 32-bit keys are what sign-in
/// history stores (<see cref="StableHash.None"/> when the event does not say); <see cref="Observation"/> holds the
/// 64-bit hashes rare-attributes counts, from the same hash of each text. Other events get <c>default</c>: no signal
/// keys them.
/// </summary>
public readonly struct SignInKeys
{
    private static readonly UInt128 IPv4NetworkMask = UInt128.MaxValue << 8;
    private static readonly UInt128 IPv6NetworkMask = UInt128.MaxValue << 80;

    /// <summary>The parsed source address, when the event has one that parses.</summary>
    public UInt128? Address { get; private init; }

    /// <summary>The key of the whole address, for telling one address from another.</summary>
    public uint AddressKey { get; private init; }

    /// <summary>
    /// The key of the address's /24 (IPv4) or /48 (IPv6): the block a VPN egress, a corporate proxy or a home
    /// line's addresses come from, where the exact address changes from one sign-in to the next.
    /// </summary>
    public uint NetworkKey { get; private init; }

    /// <summary>The key of the autonomous system number, folded from the hash rare-attributes counts it by, so those counts can answer for it.</summary>
    public uint AutonomousSystemKey { get; private init; }

    public uint CountryKey { get; private init; }

    public uint UserAgentKey { get; private init; }

    /// <summary>The folded <see cref="DeviceFingerprint"/>: the provider's device id, else the operating system and browser.</summary>
    public uint DeviceKey { get; private init; }

    public uint SessionKey { get; private init; }

    public uint TokenKey { get; private init; }

    /// <summary>The key of the identity id, for counting the accounts an address fails on.</summary>
    public uint AccountKey { get; private init; }

    /// <summary>The values rare-attributes scores, hashed to 64 bits.</summary>
    public CategoricalObservation Observation { get; private init; }

    /// <summary>The keys of <paramref name="identityEvent"/> when it is an authentication; <c>default</c> otherwise.</summary>
    public static SignInKeys Of(IdentityEvent identityEvent)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        if (!identityEvent.Kind.IsAuthentication())
        {
            return default;
        }

        UInt128? address = identityEvent.IpAddress is { } ip && IpAddressParser.TryParse(ip, out var parsed) ? parsed : null;
        var addressHash = address is { } a ? Hash(a) : CategoricalObservation.Missing;
        var country = Hash(identityEvent.CountryOrRegion);
        var userAgent = Hash(identityEvent.UserAgent);
        var device = DeviceFingerprint.Of(identityEvent);
        var asn = identityEvent.AutonomousSystemNumber;
        var asnHash = asn is { } number ? NonMissing(XxHash64.Hash(MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in number)))) : CategoricalObservation.Missing;
        var session = Hash(identityEvent.SessionId);
        var token = Hash(identityEvent.TokenId);
        return new SignInKeys
        {
            Address = address,
            AddressKey = Key(addressHash),
            NetworkKey = address is { } n ? Key(Hash(n & (IpAddressParser.IsIPv4(n) ? IPv4NetworkMask : IPv6NetworkMask))) : StableHash.None,
            AutonomousSystemKey = asn is > 0 ? Key(asnHash) : StableHash.None,
            CountryKey = Key(country),
            UserAgentKey = Key(userAgent),
            DeviceKey = Key(device),
            SessionKey = SessionKeys.Of(session, SessionKeys.SessionPrefix),
            TokenKey = SessionKeys.Of(token, SessionKeys.TokenPrefix),
            AccountKey = Key(Hash(identityEvent.IdentityId)),
            Observation = new CategoricalObservation(
                addressHash,
                asnHash,
                country,
                userAgent,
                DeviceKind(identityEvent)),
        };
    }

    /// <summary>The key of <paramref name="trait"/>'s value.</summary>
    public uint this[SignInTrait trait] => trait switch
    {
        SignInTrait.Device => DeviceKey,
        SignInTrait.Country => CountryKey,
        SignInTrait.AutonomousSystem => AutonomousSystemKey,
        SignInTrait.Network => NetworkKey,
        SignInTrait.UserAgent => UserAgentKey,
        _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, null),
    };

    // The kind of device (system and browser), not its id: a device id is unique, so every new one would look rare.
    private static ulong DeviceKind(IdentityEvent identityEvent) =>
        identityEvent.OperatingSystem is null && identityEvent.Browser is null
            ? CategoricalObservation.Missing
            : NonMissing((Hash(identityEvent.OperatingSystem) * 31) ^ Hash(identityEvent.Browser));

    private static ulong Hash(string? text) => string.IsNullOrEmpty(text) ? CategoricalObservation.Missing : NonMissing(XxHash64.HashUtf16(text));

    private static ulong Hash(UInt128 address) => NonMissing(XxHash64.Hash(MemoryMarshal.AsBytes(new ReadOnlySpan<UInt128>(in address))));

    private static ulong NonMissing(ulong hash) => hash == CategoricalObservation.Missing ? 1 : hash;

    /// <summary>A 64-bit hash folded to the 32-bit key state stores; a missing value stays <see cref="StableHash.None"/>.</summary>
    private static uint Key(ulong hash) => hash == CategoricalObservation.Missing ? StableHash.None : StableHash.Fold(hash);
}
