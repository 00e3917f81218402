using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Trust;

/// <summary>
/// The trust algorithm: every identity starts fully trusted, each signal that fires takes its penalty,
/// and trust comes back linearly with event time. Signals see the identity as it was before the event;
/// the state learns from the event afterwards.
/// </summary>
public sealed class TrustScorer
{
    public const double FullTrust = 100;

    private readonly TrustOptions _options;
    private readonly ISignInSignal[] _signals;

    public TrustScorer(TrustOptions options, IEnumerable<ISignInSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signals);
        _options = options;
        _signals = signals.ToArray();
    }

    /// <summary>The scorer with the signals the options configure.</summary>
    public static TrustScorer Create(TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TrustScorer(
            options,
            [
                new ImpossibleTravelSignal(options.ImpossibleTravel),
                new NewDeviceSignal(options.NewDevice),
                new FailedSignInBurstSignal(options.FailedSignInBurst),
            ]);
    }

    public TrustAssessment Assess(IdentityEvent signIn, IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(state);
        var previous = Recovered(state, signIn.Timestamp);

        SignalFinding[] findings = [];
        var penalty = 0.0;
        if (!signIn.Kind.IsAuthentication())
        {
            // Requests and policy decisions carry no sign-in evidence; trust only recovers with their time.
            state.SetTrustScore(previous, signIn.Timestamp);
            return new TrustAssessment(previous, previous, findings);
        }

        foreach (var signal in _signals)
        {
            if (signal.Evaluate(signIn, state) is { } finding)
            {
                findings = [.. findings, finding];
                penalty += finding.Penalty;
                state.RememberFinding(finding, signIn.Timestamp);
            }
        }

        var score = Math.Clamp(previous - penalty, 0, FullTrust);
        state.Observe(signIn);
        state.SetTrustScore(score, signIn.Timestamp);
        return new TrustAssessment(previous, score, findings);
    }

    private double Recovered(IdentityState state, DateTimeOffset now)
    {
        if (state.TrustScoreTime is not { } since || now <= since)
        {
            return state.TrustScore;
        }

        return Math.Min(FullTrust, state.TrustScore + ((now - since).TotalHours * _options.RecoveryPerHour));
    }
}
