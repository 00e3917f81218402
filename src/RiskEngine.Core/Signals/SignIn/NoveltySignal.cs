using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// A successful sign-in with a value of one trait (device, country, autonomous system, user agent) this
/// identity has not used among its recent sign-ins: not among its last eight devices, or not among the six countries,
/// autonomous systems or user agents it uses most (the rare-attributes counts, see <see cref="SignInHistory"/>). One instance per trait, each with its own name and
/// settings, so an analyst sees "new-country" and "new-device" apart and each can be tuned or switched off (penalty 0).
/// </summary>
public sealed class NoveltySignal : ISignal
{
    public const string NewDevice = "new-device";
    public const string NewCountry = "new-country";
    public const string NewAutonomousSystem = "new-asn";
    public const string NewUserAgent = "new-user-agent";

    private const int MaxUserAgentShown = 120;

    private readonly SignInTrait _trait;
    private readonly NoveltyOptions _options;

    public NoveltySignal(SignInTrait trait, NoveltyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = trait switch
        {
            SignInTrait.Device => NewDevice,
            SignInTrait.Country => NewCountry,
            SignInTrait.AutonomousSystem => NewAutonomousSystem,
            SignInTrait.UserAgent => NewUserAgent,
            _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, "no novelty signal judges this trait"),
        };
        (_trait, _options) = (trait, options);
    }

    public string Name { get; }

    // What it judges by the identity's sign-in history learns.
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (_options.Penalty == 0 || !identityEvent.Kind.IsAuthentication() || !identityEvent.Succeeded ||
            state.SignIns is not { } history || history.SuccessfulSignIns < _options.MinSuccessfulSignIns)
        {
            return null;
        }

        var key = keys[_trait];
        if (key == Hashing.StableHash.None || history.Knows(_trait, key))
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"{Describe(identityEvent)} (never seen in {history.SuccessfulSignIns:N0} sign-ins)");
        return new SignalFinding(Name, _options.Penalty, evidence);
    }

    private string Describe(IdentityEvent identityEvent) => _trait switch
    {
        SignInTrait.Device => $"new device: {DescribeDevice(identityEvent)}",
        SignInTrait.Country => $"new country: {identityEvent.CountryOrRegion}",
        SignInTrait.AutonomousSystem => string.Create(CultureInfo.InvariantCulture, $"new ASN: AS{identityEvent.AutonomousSystemNumber}"),
        _ => $"new user agent: {Shorten(identityEvent.UserAgent!)}",
    };

    private static string DescribeDevice(IdentityEvent identityEvent)
    {
        var client = string.Join(
            " / ",
            new[] { identityEvent.OperatingSystem, identityEvent.Browser }.Where(part => !string.IsNullOrEmpty(part)));
        return (identityEvent.DeviceName, identityEvent.DeviceId) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } id) => $"{name} ({id}), {client}",
            (_, { Length: > 0 } id) => $"{id}, {client}",
            _ => $"unregistered {client}",
        };
    }

    private static string Shorten(string text) => text.Length <= MaxUserAgentShown ? text : string.Concat(text.AsSpan(0, MaxUserAgentShown), "…");
}
