using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// A session (<see cref="IdentityEvent.SessionId"/>) or token (<see cref="IdentityEvent.TokenId"/>) this identity
/// already used, now presented from a different address and, besides, from a different device or, where the device
/// is unknown on either side, a different autonomous system. A different address alone is a laptop moving from home
/// to the office or a phone from Wi-Fi to mobile data; the same device on another network is that too. A session
/// that changes device is a stolen cookie or token.
/// </summary>
public sealed class SessionReplaySignal : ISignal
{
    public const string SignalName = "session-replay";

    private readonly SessionReplayOptions _options;

    public SessionReplaySignal(SessionReplayOptions options) => _options = options;

    public string Name => SignalName;

    // Where each session was first seen the identity's sign-in history learns.
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (!identityEvent.Kind.IsAuthentication() || !identityEvent.Succeeded || state.SignIns is not { } history)
        {
            return null;
        }

        return Judge(identityEvent, keys, history, identityEvent.TokenId, keys.TokenKey, "token")
            ?? Judge(identityEvent, keys, history, identityEvent.SessionId, keys.SessionKey, "session");
    }

    private SignalFinding? Judge(IdentityEvent identityEvent, in SignInKeys keys, SignInHistory history, string? id, uint idKey, string what)
    {
        if (!history.TryFindSession(idKey, out var first))
        {
            return null;
        }

        var address = keys.AddressKey;
        if (address == StableHash.None || first.AddressKey == StableHash.None || address == first.AddressKey)
        {
            return null;
        }

        var device = keys.DeviceKey;
        var asn = identityEvent.AutonomousSystemNumber ?? 0;
        var deviceKnown = device != StableHash.None && first.DeviceKey != StableHash.None;
        var moved = deviceKnown
            ? device != first.DeviceKey
            : asn != 0 && first.AutonomousSystemNumber != 0 && asn != first.AutonomousSystemNumber;
        if (!moved)
        {
            return null;
        }

        var change = deviceKnown ? "another device" : string.Create(CultureInfo.InvariantCulture, $"AS{asn}, not AS{first.AutonomousSystemNumber}");
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"session replay: {what} {Abbreviate(id!)} first used from another address, now from {identityEvent.IpAddress} on {change}");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }

    private static string Abbreviate(string id) => id.Length <= 12 ? id : string.Concat(id.AsSpan(0, 12), "…");
}
