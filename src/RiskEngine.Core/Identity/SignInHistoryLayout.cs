using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Identity;

/// <summary>
/// How much a <see cref="SignInHistory"/> keeps: how many recent devices and networks, failures and sessions. Every
/// identity's history is one array laid out by this, so one layout serves a whole store. The countries, autonomous
/// systems and user agents are not kept here: the rare-attributes histories count them anyway (<see cref="CountedAs"/>).
/// </summary>
public sealed class SignInHistoryLayout
{
    /// <summary>A session sighting: the session's key, the address, the autonomous system and the device it was first seen from.</summary>
    internal const int SessionWidth = 4;

    private readonly int[] _offsets;
    private readonly int[] _capacities;

    public SignInHistoryLayout(
        int devices = 8,
        int networks = 8,
        int failures = 16,
        int sessions = 4)
    {
        foreach (var capacity in (int[])[devices, networks, failures, sessions])
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        }

        _capacities = new int[Enum.GetValues<SignInTrait>().Length];
        (_capacities[(int)SignInTrait.Device], _capacities[(int)SignInTrait.Network]) = (devices, networks);

        _offsets = new int[_capacities.Length];
        var next = 0;
        for (var i = 0; i < _capacities.Length; i++)
        {
            _offsets[i] = next;
            next += _capacities[i];
        }

        (FailuresOffset, FailureCapacity) = (next, failures);
        next += failures;
        (SessionsOffset, SessionCapacity) = (next, sessions);
        Length = next + (sessions * SessionWidth);
    }

    public int FailureCapacity { get; }

    public int SessionCapacity { get; }

    /// <summary>The number of 32-bit slots one history holds.</summary>
    public int Length { get; }

    internal int FailuresOffset { get; }

    internal int SessionsOffset { get; }

    /// <summary>The layout the trust options ask for.</summary>
    public static SignInHistoryLayout From(TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SignInHistoryLayout(
            devices: options.NewDevice.KnownValuesPerIdentity,
            networks: options.ImpossibleTravel.KnownNetworksPerIdentity,

            // Room for more failures than the burst threshold, so a burst that goes on is seen as one crossing, not
            // many, and for the denied MFA prompts that MFA fatigue counts among them.
            failures: Math.Max(Math.Max(options.FailedSignInBurst.Threshold, options.MfaFatigue.MinDenials) * 2, 16),
            sessions: options.SessionReplay.RememberedSessions);
    }

    /// <summary>How many recent values of <paramref name="trait"/> a history keeps; 0 for a trait it counts in the rare-attributes histories.</summary>
    public int Capacity(SignInTrait trait) => _capacities[(int)trait];

    /// <summary>
    /// The rare-attributes feature whose counts say which values of <paramref name="trait"/> the identity has used,
    /// or null for a trait the history keeps values of itself: a device id and a network are not features of their own
    /// there (the feature is the device's kind, and the whole address).
    /// </summary>
    internal static CategoricalFeature? CountedAs(SignInTrait trait) => trait switch
    {
        SignInTrait.Country => CategoricalFeature.Country,
        SignInTrait.AutonomousSystem => CategoricalFeature.Asn,
        SignInTrait.UserAgent => CategoricalFeature.UserAgent,
        _ => null,
    };

    internal int Offset(SignInTrait trait) => _offsets[(int)trait];
}
