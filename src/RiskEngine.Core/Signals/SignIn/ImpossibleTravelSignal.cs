using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// Two successful sign-ins further apart than anyone could travel in the time between them: the classic sign of
/// a stolen credential or token used from elsewhere. Geo-IP places VPN exits and corporate egress where the
/// provider's servers are, not where the user is, so the trip is judged by where the new sign-in comes from: a
/// network (/24, /48) the identity has signed in from before is not a trip at all, and an autonomous system it has
/// used before costs only <see cref="ImpossibleTravelOptions.KnownAutonomousSystemPenalty"/>.
/// </summary>
public sealed class ImpossibleTravelSignal : ISignal
{
    public const string SignalName = "impossible-travel";

    // Two sign-ins in the same second are still a trip; dividing by a floor keeps the speed finite.
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly ImpossibleTravelOptions _options;

    public ImpossibleTravelSignal(ImpossibleTravelOptions options) => _options = options;

    public string Name => SignalName;

    // What it judges by (the last sign-in, the networks) the identity's sign-in history learns.
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (!identityEvent.Kind.IsAuthentication() || !identityEvent.Succeeded || identityEvent.Coordinates is not { } here ||
            state.SignIns is not { } history || history.LastSuccessfulSignIn is not { Coordinates: { } there } previous)
        {
            return null;
        }

        var distanceKm = there.DistanceKmTo(here);
        if (distanceKm < _options.MinDistanceKm)
        {
            return null;
        }

        var elapsed = (identityEvent.Timestamp - previous.Timestamp).Duration();
        var speedKmh = distanceKm / Math.Max(elapsed.TotalHours, MinimumInterval.TotalHours);
        if (speedKmh <= _options.MaxPlausibleSpeedKmh ||
            history.Knows(SignInTrait.Network, keys.NetworkKey))
        {
            return null;
        }

        var knownOperator = history.Knows(SignInTrait.AutonomousSystem, keys.AutonomousSystemKey);
        if (knownOperator && _options.KnownAutonomousSystemPenalty == 0)
        {
            return null;
        }

        var trip = string.Create(
            CultureInfo.InvariantCulture,
            $"impossible travel: {previous.DescribeLocation()} to {identityEvent.DescribeLocation()}, {distanceKm:N0} km in {DescribeDuration(elapsed)} ({speedKmh:N0} km/h)");
        return knownOperator
            ? new SignalFinding(
                SignalName,
                _options.KnownAutonomousSystemPenalty,
                string.Create(CultureInfo.InvariantCulture, $"{trip}, from AS{identityEvent.AutonomousSystemNumber}, which this identity has used before (a VPN or egress geo-IP may misplace)"))
            : new SignalFinding(SignalName, _options.Penalty, trip);
    }

    private static string DescribeDuration(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:N0} s"),
        { TotalHours: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMinutes:N0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalHours:N1} h"),
    };
}
