using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Identity;

/// <summary>
/// How much a <see cref="SignInHistory"/> keeps: how many recent values of each <see cref="SignInTrait"/>,
/// failures and sessions. Every identity's history is one array laid out by this, so one layout serves a whole store.
/// </summary>
public sealed class SignInHistoryLayout
{
    /// <summary>A session sighting: the session's key, the address, the autonomous system and the device it was first seen from.</summary>
    internal const int SessionWidth = 4;

    private readonly int[] _offsets;
    private readonly int[] _capacities;

    public SignInHistoryLayout(
        int devices = 8,
        int countries = 8,
        int autonomousSystems = 8,
        int networks = 8,
        int userAgents = 6,
        int failures = 16,
        int sessions = 4)
    {
        _capacities = [devices, countries, autonomousSystems, networks, userAgents];
        foreach (var capacity in (int[])[.. _capacities, failures, sessions])
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        }

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
            countries: options.NewCountry.KnownValuesPerIdentity,
            autonomousSystems: options.NewAutonomousSystem.KnownValuesPerIdentity,
            networks: options.ImpossibleTravel.KnownNetworksPerIdentity,
            userAgents: options.NewUserAgent.KnownValuesPerIdentity,

            // Room for more failures than the burst threshold, so a burst that goes on is seen as one crossing, not
            // many, and for the denied MFA prompts that MFA fatigue counts among them.
            failures: Math.Max(Math.Max(options.FailedSignInBurst.Threshold, options.MfaFatigue.MinDenials) * 2, 16),
            sessions: options.SessionReplay.RememberedSessions);
    }

    public int Capacity(SignInTrait trait) => _capacities[(int)trait];

    internal int Offset(SignInTrait trait) => _offsets[(int)trait];
}
