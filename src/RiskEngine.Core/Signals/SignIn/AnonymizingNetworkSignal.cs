using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// A successful authentication from an address or autonomous system on the anonymizing-networks list
/// (<see cref="ScoringContext.AnonymizingNetworks"/>): Tor, anonymous proxies. Failures are left to the failure
/// signals: penalising the identity for an attacker's failed guesses would let anyone lower anyone's trust.
/// </summary>
public sealed class AnonymizingNetworkSignal : ISignal
{
    public const string SignalName = "anonymizing-network";

    private readonly AnonymizingNetworksOptions _options;

    public AnonymizingNetworkSignal(AnonymizingNetworksOptions options) => _options = options;

    public string Name => SignalName;

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (!identityEvent.Kind.IsAuthentication() || !identityEvent.Succeeded)
        {
            return null;
        }

        var networks = context.AnonymizingNetworks;
        if (keys.Address is { } address && networks.RangeOf(address) is { } range)
        {
            return new SignalFinding(SignalName, _options.Penalty, $"anonymizing network: {identityEvent.IpAddress} is in {range} on the anonymizing-networks list");
        }

        return identityEvent.AutonomousSystemNumber is { } asn && networks.ContainsSystem(asn)
            ? new SignalFinding(SignalName, _options.Penalty, string.Create(CultureInfo.InvariantCulture, $"anonymizing network: {identityEvent.IpAddress ?? "the address"} is in AS{asn}, on the anonymizing-networks list"))
            : null;
    }
}
