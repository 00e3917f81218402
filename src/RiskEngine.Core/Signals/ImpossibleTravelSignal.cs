using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals;

/// <summary>
/// Two successful sign-ins further apart than anyone could travel in the time between them:
/// the classic sign of a stolen credential or token used from elsewhere.
/// </summary>
public sealed class ImpossibleTravelSignal : ISignal
{
    public const string SignalName = "impossible-travel";

    // Two sign-ins in the same second are still a trip; dividing by a floor keeps the speed finite.
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly ImpossibleTravelOptions _options;

    public ImpossibleTravelSignal(ImpossibleTravelOptions options) => _options = options;

    public string Name => SignalName;

    // What it judges by (the last sign-in, devices, failures) the identity's state learns for every sign-in signal.
    public void Observe(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (!identityEvent.Kind.IsAuthentication())
        {
            return null;
        }

        if (!identityEvent.Succeeded || identityEvent.Coordinates is not { } here ||
            state.LastSuccessfulSignIn is not { Coordinates: { } there } previous)
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
        if (speedKmh <= _options.MaxPlausibleSpeedKmh)
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"impossible travel: {previous.DescribeLocation()} to {identityEvent.DescribeLocation()}, {distanceKm:N0} km in {DescribeDuration(elapsed)} ({speedKmh:N0} km/h)");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }

    private static string DescribeDuration(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:N0} s"),
        { TotalHours: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMinutes:N0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalHours:N1} h"),
    };
}
