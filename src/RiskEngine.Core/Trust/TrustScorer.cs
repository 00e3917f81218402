using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Trust;

/// <summary>
/// The trust algorithm: every identity starts fully trusted, each signal that fires takes its penalty,
/// and trust comes back linearly with event time. Signals see the identity as it was before the event;
/// the state and the signals learn from the event afterwards.
/// </summary>
public sealed class TrustScorer
{
    public const double FullTrust = 100;

    private readonly TrustOptions _options;
    private readonly ISignal[] _signals;
    private readonly ScoringContext _context;

    public TrustScorer(TrustOptions options, IEnumerable<ISignal> signals, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _signals = signals.ToArray();
        _context = context;
    }

    /// <summary>The scorer with the signals the options configure.</summary>
    public static TrustScorer Create(TrustOptions options, ScoringContext context) => new(options, SignalCatalog.Create(options), context);

    public TrustAssessment Assess(IdentityEvent signIn, IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(state);
        var previous = Recovered(state, signIn.Timestamp);

        SignalFinding[] findings = [];
        var penalty = 0.0;
        foreach (var signal in _signals)
        {
            if (signal.Evaluate(signIn, state, _context) is { } finding)
            {
                findings = [.. findings, finding];
                penalty += finding.Penalty;
                state.RememberFinding(finding, signIn.Timestamp);
            }
        }

        foreach (var signal in _signals)
        {
            signal.Observe(signIn, state, _context);
        }

        var score = Math.Clamp(previous - penalty, 0, FullTrust);
        if (signIn.Kind.IsAuthentication())
        {
            state.Observe(signIn);
        }

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
